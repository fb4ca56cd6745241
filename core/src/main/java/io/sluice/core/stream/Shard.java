package io.sluice.core.stream;

import io.sluice.core.limits.ShardThrottle;
import io.sluice.core.log.LogEntry;
import io.sluice.core.storage.Appended;
import io.sluice.core.storage.ShardData;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live side of one shard: its records ({@link ShardData}), its throughput accounting, its append signal, and whether
 * it still accepts appends.
 *
 * <p>Appends take this shard's lock (never a stream-wide or global one): under it the shard checks it is still
 * open, stamps the records with a non-decreasing arrival time and appends them as one atomic log batch.
 * Resharding closes a shard under the same lock ({@link #close}), so no record lands after its
 * {@code endOffset}. Reads do not take the lock (the log is thread-safe).
 *
 * <p>The append signal lets a reader wait for new records without polling: {@link #awaitRecordAt(long)}
 * returns a future completed by the next append that reaches past the given offset (or by the close).
 * Idle shards cost no thread, only the future object.
 */
public final class Shard {

    /** A record waiting to be appended. */
    public record Pending(String partitionKey, byte[] data) {
    }

    /**
     * The records of one append, by position. Lets a caller hand over the records of its request as they are,
     * without first copying each into a {@link Pending} in a new list.
     */
    public interface Batch {
        int size();

        String partitionKey(int i);

        byte[] data(int i);
    }

    private final int index;
    private final String id; // formatted once: every record written or read names its shard
    private final ShardData log;
    private final ShardThrottle throttle;
    private final ShardCounters counters = new ShardCounters();
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();
    private volatile boolean closed;
    private long lastTimestampMs;
    private volatile CompletableFuture<Void> signal = new CompletableFuture<>();
    private volatile boolean hot;

    public Shard(int index, ShardData log, ShardThrottle throttle, Clock clock, boolean closed) {
        this.index = index;
        this.id = ShardIds.format(index);
        this.log = log;
        this.throttle = throttle;
        this.clock = clock;
        this.closed = closed;
        this.lastTimestampMs = log.newestTimestampMs().orElse(0L);
        log.onForeignAppend(this::fire);
    }

    public int index() {
        return index;
    }

    public String id() {
        return id;
    }

    public ShardData log() {
        return log;
    }

    /** What the shard has done, for monitoring. */
    public ShardCounters counters() {
        return counters;
    }

    public ShardThrottle throttle() {
        return throttle;
    }

    /**
     * Appends the records as one batch; null when the shard closed meanwhile (the caller routes again).
     */
    public Appended append(List<Pending> records) throws IOException {
        return append(new Batch() {
            @Override
            public int size() {
                return records.size();
            }

            @Override
            public String partitionKey(int i) {
                return records.get(i).partitionKey();
            }

            @Override
            public byte[] data(int i) {
                return records.get(i).data();
            }
        });
    }

    /**
     * Appends the records as one batch; null when the shard closed meanwhile (the caller routes again).
     */
    public Appended append(Batch records) throws IOException {
        appendLock.lock();
        try {
            if (closed) {
                return null;
            }
            long ts = Math.max(clock.millis(), lastTimestampMs);
            int n = records.size();
            LogEntry[] entries = new LogEntry[n];
            for (int i = 0; i < n; i++) {
                entries[i] = new LogEntry(ts, records.partitionKey(i), records.data(i));
            }
            Appended appended = log.append(Arrays.asList(entries));
            lastTimestampMs = ts;
            fire();
            // A shared log: another server may have closed the shard while these records went out; they are
            // re-routed to its children (the parent's recorded end lies before them, see Resharder).
            return closed ? null : appended;
        } finally {
            appendLock.unlock();
        }
    }

    /** What {@link #close} runs while appends are held off: persist and publish the new shard layout. */
    @FunctionalInterface
    public interface CloseAction {
        /** {@code endOffset} is null when the storage records it later ({@link ShardData#endOffsetAtClose()}). */
        void run(Long endOffset) throws IOException;
    }

    /**
     * Closes the shard for appends. Under the append lock, runs {@code action} with the log's end offset; the
     * shard closes only if the action succeeds, so a failed metadata write leaves it open.
     */
    public void close(CloseAction action) throws IOException {
        appendLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(id() + " is already closed");
            }
            OptionalLong end = log.endOffsetAtClose();
            action.run(end.isPresent() ? end.getAsLong() : null);
            closed = true;
            fire();
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Marks the shard closed because another server closed it (a shared catalog's change): appends in progress
     * here re-route their records. No lock: the closing server's metadata already holds the shard's end.
     */
    public void closedElsewhere() {
        closed = true;
        fire();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * A future completed once a record exists at {@code offset} (the end offset is past it) or the shard is closed; already
     * complete when that is true now. Completed on the appending thread: callers must not block in callbacks.
     */
    public CompletableFuture<Void> awaitRecordAt(long offset) {
        CompletableFuture<Void> current = signal; // read before checking, so an append in between completes it
        if (log.endOffset() > offset || isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return current.copy();
    }

    /** Wakes every reader waiting here, to find the shard gone (its stream deleted, or retention removed it). */
    public void wakeReaders() {
        fire();
    }

    private void fire() {
        CompletableFuture<Void> old = signal;
        signal = new CompletableFuture<>();
        old.complete(null);
    }

    /** Marks that a write was throttled here (on-demand scaling splits hot shards). */
    public void markHot() {
        hot = true;
    }

    /** Returns and clears the hot mark. */
    public boolean takeHot() {
        boolean was = hot;
        hot = false;
        return was;
    }
}
