package io.sluice.core.stream;

import io.sluice.core.limits.ShardThrottle;
import io.sluice.core.log.LogEntry;
import io.sluice.core.storage.Appended;
import io.sluice.core.storage.PendingAppend;
import io.sluice.core.storage.ShardData;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** A record waiting to be appended; {@code explicitHashKey} may be null. */
    public record Pending(String partitionKey, byte[] data, String explicitHashKey) {
    }

    /**
     * The records of one append, by position. Lets a caller hand over the records of its request as they are,
     * without first copying each into a {@link Pending} in a new list.
     */
    public interface Batch {
        int size();

        String partitionKey(int i);

        byte[] data(int i);

        /** The explicit hash key the record was put with, or null. */
        String explicitHashKey(int i);
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
    private final CompletableFuture<Long> endOffset = new CompletableFuture<>(); // once closed and recorded
    private volatile boolean hot;

    private static final long END_WAIT_SECONDS = 30;

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

            @Override
            public String explicitHashKey(int i) {
                return records.get(i).explicitHashKey();
            }
        });
    }

    /**
     * Appends the records as one batch; null when the shard closed meanwhile (the caller routes again).
     */
    public Appended append(Batch records) throws IOException {
        PendingAppend sent = send(records);
        return sent == null ? null : await(sent);
    }

    /**
     * Sends the records as one batch, in order after those sent before, without waiting where the storage allows
     * (see {@link #await}); null when the shard is closed (the caller routes again).
     */
    public PendingAppend send(Batch records) throws IOException {
        appendLock.lock();
        try {
            if (closed) {
                return null;
            }
            long ts = Math.max(clock.millis(), lastTimestampMs);
            int n = records.size();
            LogEntry[] entries = new LogEntry[n];
            for (int i = 0; i < n; i++) {
                entries[i] = new LogEntry(ts, records.partitionKey(i), records.data(i), records.explicitHashKey(i));
            }
            PendingAppend sent = log.send(Arrays.asList(entries));
            lastTimestampMs = ts;
            return sent;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Waits for records {@link #send sent}: where they landed, or, when the shard closed meanwhile, those that lie
     * before its end offset (possibly none: null); the caller routes the others again, to the children.
     *
     * <p>In a shared log another server may close the shard while these records go out, and the end offset is
     * recorded only after the close (see Resharder.recordPendingEnds): records behind it are not the shard's.
     */
    public Appended await(PendingAppend sent) throws IOException {
        Appended appended = sent.await();
        fire();
        if (!closed) {
            return appended;
        }
        int before = appended.countBefore(recordedEndOffset());
        return before == appended.count() ? appended : before == 0 ? null : appended.firstOf(before);
    }

    private long recordedEndOffset() throws IOException {
        try {
            return endOffset.get(END_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException(id + " closed while records were written to it and its end offset was not recorded"
                    + " within " + END_WAIT_SECONDS + " s; whether they belong to it is not known yet", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the end offset of " + id, e);
        }
    }

    /** Records the closed shard's end offset: appends that were in flight at the close learn which records it keeps. */
    public void endsAt(long offset) {
        endOffset.complete(offset);
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
            end.ifPresent(this::endsAt);
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
