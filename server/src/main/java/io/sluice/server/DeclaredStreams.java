package io.sluice.server;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.StreamSummary;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.meta.StreamMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a deployment declares ({@code --streams 'AndersonStream:1,Orders:4,Clicks:on-demand'}), so a test setup or
 * a deployment needs no CreateStream calls: at start each missing one is created, and one that exists is left as it
 * is — a different shard count or mode is logged, never resharded behind the operator's back. Running it again
 * changes nothing.
 *
 * @param streams in the order declared
 */
public record DeclaredStreams(List<Stream> streams) {

    private static final Logger log = LoggerFactory.getLogger(DeclaredStreams.class);

    public static final DeclaredStreams NONE = new DeclaredStreams(List.of());

    /** One declared stream; {@code shardCount} is null for an on-demand stream. */
    public record Stream(String name, Integer shardCount) {

        @Override
        public String toString() {
            return name + ":" + (shardCount == null ? "on-demand" : shardCount);
        }
    }

    public DeclaredStreams {
        streams = List.copyOf(streams);
    }

    /** {@code NAME:SHARDS} or {@code NAME:on-demand}, comma-separated; names are checked when created. */
    public static DeclaredStreams parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Stream> streams = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String item : spec.split(",")) {
            String declared = item.trim();
            int colon = declared.lastIndexOf(':');
            if (colon <= 0 || colon == declared.length() - 1) {
                throw new IllegalArgumentException("streams: '" + declared + "' is not NAME:SHARDS or NAME:on-demand");
            }
            String name = declared.substring(0, colon).trim();
            String size = declared.substring(colon + 1).trim();
            if (!names.add(name)) {
                throw new IllegalArgumentException("streams: '" + name + "' is declared twice");
            }
            streams.add(new Stream(name, size.toLowerCase(Locale.ROOT).equals("on-demand") ? null : shards(declared, size)));
        }
        return new DeclaredStreams(streams);
    }

    private static int shards(String declared, String size) {
        try {
            int shards = Integer.parseInt(size);
            if (shards >= 1) {
                return shards;
            }
        } catch (NumberFormatException notANumber) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("streams: '" + declared + "' needs a shard count of at least 1 or "
                + "on-demand after the colon");
    }

    /** Creates the missing streams; answers how many it created. */
    public int ensure(StreamEngine engine) {
        int created = 0;
        for (Stream stream : streams) {
            try {
                engine.createStream(stream.name(), stream.shardCount(),
                        stream.shardCount() == null ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED, Map.of());
                log.info("Created declared stream {}", stream);
                created++;
            } catch (ResourceInUseException exists) {
                reportDifference(engine, stream);
            }
        }
        return created;
    }

    private static void reportDifference(StreamEngine engine, Stream stream) {
        try {
            StreamSummary summary = engine.describeStreamSummary(StreamRef.named(stream.name()));
            boolean onDemand = summary.streamMode() == StreamMode.ON_DEMAND;
            if (onDemand != (stream.shardCount() == null)
                    || (!onDemand && summary.openShardCount() != stream.shardCount())) {
                log.warn("Declared stream {} exists as {}:{}; left as it is (UpdateShardCount or UpdateStreamMode "
                                + "change it)", stream, stream.name(),
                        onDemand ? "on-demand" : Integer.toString(summary.openShardCount()));
            }
        } catch (ResourceNotFoundException deletedMeanwhile) {
            log.warn("Declared stream {} was deleted while the server started", stream);
        }
    }
}
