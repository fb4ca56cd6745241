package io.sluice.connect.source;

import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * How a task reads one shard: polled ({@link ShardReader}, shared fan-out) or pushed ({@link ShardSubscriber},
 * enhanced fan-out). The task asks each shard that {@link #isDue} for its records, and when none is due waits until
 * the earliest {@link #dueNanos()} or until a pushed shard wakes it.
 *
 * <p>Not thread-safe: owned by the task's polling thread.
 */
interface ShardSource extends AutoCloseable {

    ShardRef shard();

    /** A closed shard read to its end, or a shard that no longer exists: not read again. */
    boolean ended();

    /** When this shard next has something to do, in {@link System#nanoTime()} terms. */
    long dueNanos();

    boolean isDue(long nowNanos);

    /** The records available now, possibly none; never blocks for long. */
    List<SourceRecord> read(long nowNanos);

    @Override
    void close();
}
