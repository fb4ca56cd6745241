package io.sluice.core.api;

import io.sluice.core.stream.ShardCounters;
import java.util.List;

/**
 * A stream's figures for monitoring: its registered consumers, and per shard still held (open, or closed and not yet
 * removed by retention) its counters and whether it takes writes.
 */
public record StreamStatistics(String stream, int consumers, List<Shard> shards) {

    /**
     * {@code outOfService}: the shard takes no writes until the server restarts, since an fsync of its log (or of its
     * stream's metadata) failed; {@code logBytes}: the size of its log on disk.
     */
    public record Shard(String shardId, boolean open, boolean outOfService, long logBytes,
                        ShardCounters.Snapshot counters) {
    }
}
