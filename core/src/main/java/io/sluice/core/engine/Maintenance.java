package io.sluice.core.engine;

import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.meta.StreamMode;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic pass (one shared scheduler thread for the whole engine, never a thread per shard), also callable
 * on demand:
 * <ol>
 *   <li>finishes stream deletions whose delay has passed;</li>
 *   <li>retention: asks every shard log to delete whole segments older than the retention period, and removes
 *       closed shards whose closing time is past retention (their records are all expired);</li>
 *   <li>on-demand scaling: splits in half every open shard of an ON_DEMAND stream that refused a write since
 *       the previous pass.</li>
 * </ol>
 * A stream out of service (see {@link LiveStream}) gets retention only: its metadata is not changed until a restart.
 * Thread-safe; passes serialize on this object.
 */
public final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    /** What one pass did. */
    public record Report(int segmentsDeleted, int shardsRemoved, int shardsSplit) {
    }

    private final StreamRegistry registry;
    private final Resharder resharder;

    public Maintenance(StreamRegistry registry, Resharder resharder) {
        this.registry = registry;
        this.resharder = resharder;
    }

    public synchronized Report run() {
        registry.finishDueDeletions();
        int segments = 0;
        int removed = 0;
        int split = 0;
        for (LiveStream stream : registry.all()) {
            try {
                segments += enforceRetention(stream);
                if (stream.outOfServiceReason().isPresent()) {
                    continue; // read-only until a restart: its metadata is not changed
                }
                recordPendingEnds(stream);
                removed += removeExpiredClosedShards(stream);
                if (stream.metadata().mode() == StreamMode.ON_DEMAND) {
                    split += scaleOnDemand(stream);
                }
            } catch (RuntimeException e) {
                LOG.error("maintenance of stream {} failed", stream.name(), e);
            }
        }
        return new Report(segments, removed, split);
    }

    private int enforceRetention(LiveStream stream) {
        long cutoff = cutoff(stream.metadata());
        int deleted = 0;
        for (Shard shard : stream.shards()) {
            try {
                deleted += shard.log().deleteOlderThan(cutoff);
            } catch (IOException e) {
                throw new UncheckedIOException("retention of " + shard.id() + " in stream " + stream.name(), e);
            }
        }
        return deleted;
    }

    /** Ends a server that closed a shard of a shared log did not record (it stopped in between). */
    private void recordPendingEnds(LiveStream stream) {
        if (stream.metadata().shards().stream().noneMatch(ShardMetadata::isEndPending)) {
            return;
        }
        stream.controlLock().lock();
        try {
            resharder.recordPendingEnds(stream);
        } catch (IOException e) {
            throw new UncheckedIOException("recording the end offsets of stream " + stream.name(), e);
        } finally {
            stream.controlLock().unlock();
        }
    }

    private int removeExpiredClosedShards(LiveStream stream) {
        stream.controlLock().lock();
        try {
            StreamMetadata meta = stream.metadata();
            long cutoff = cutoff(meta);
            List<ShardMetadata> keep = new ArrayList<>();
            List<Integer> drop = new ArrayList<>();
            for (ShardMetadata s : meta.shards()) {
                if (!s.isOpen() && s.closedMs() < cutoff) {
                    drop.add(s.index());
                } else {
                    keep.add(s);
                }
            }
            if (drop.isEmpty()) {
                return 0;
            }
            stream.commit(meta, meta.withShards(keep, meta.nextShardIndex()));
            for (int index : drop) {
                Shard shard = stream.removeShard(index);
                if (shard != null) {
                    shard.wakeReaders();
                    shard.log().deleteAll();
                }
            }
            return drop.size();
        } catch (IOException e) {
            throw new UncheckedIOException("removing expired shards of stream " + stream.name(), e);
        } finally {
            stream.controlLock().unlock();
        }
    }

    private int scaleOnDemand(LiveStream stream) {
        int split = 0;
        for (ShardMetadata s : stream.metadata().openShards()) {
            Shard shard = stream.shard(s.index());
            if (shard != null && shard.takeHot() && resharder.splitInHalf(stream, s.index())) {
                split++;
            }
        }
        return split;
    }

    private long cutoff(StreamMetadata meta) {
        return registry.config().clock().millis() - meta.retentionHours() * 3_600_000L;
    }
}
