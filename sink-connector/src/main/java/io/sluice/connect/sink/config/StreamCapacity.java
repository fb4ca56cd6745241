package io.sluice.connect.sink.config;

import java.util.Locale;

/**
 * The capacity of a stream the connector creates ({@code kinesis.stream.auto.create.shards}): a shard count
 * (provisioned mode) or on-demand mode.
 *
 * @param shardCount the shards of a provisioned stream; 0 for on-demand
 */
public record StreamCapacity(int shardCount) {

    /** Kinesis's default account limit on shards, a sane bound for one stream created by a connector. */
    public static final int MAX_SHARDS = 10_000;
    public static final String ON_DEMAND = "on-demand";

    public StreamCapacity {
        if (shardCount < 0 || shardCount > MAX_SHARDS) {
            throw new IllegalArgumentException("shardCount must be 0 (on-demand) to " + MAX_SHARDS);
        }
    }

    public boolean onDemand() {
        return shardCount == 0;
    }

    /**
     * Parses {@code on-demand} (or {@code ON_DEMAND}) or a shard count from 1 to {@value #MAX_SHARDS}.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static StreamCapacity parse(String value) {
        String text = value == null ? "" : value.trim();
        if (text.toLowerCase(Locale.ROOT).replace('_', '-').equals(ON_DEMAND)) {
            return new StreamCapacity(0);
        }
        try {
            int shards = Integer.parseInt(text);
            if (shards >= 1 && shards <= MAX_SHARDS) {
                return new StreamCapacity(shards);
            }
        } catch (NumberFormatException e) {
            // reported below with the valid values
        }
        throw new IllegalArgumentException("must be a shard count from 1 to " + MAX_SHARDS + ", or " + ON_DEMAND);
    }

    @Override
    public String toString() {
        return onDemand() ? ON_DEMAND : shardCount + " shards";
    }
}
