package io.sluice.core.stream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one shard has done since the server started, for monitoring: the per-shard figures CloudWatch has for
 * Kinesis. Bytes are data plus partition key, as Kinesis counts them against its limits. Thread-safe and cheap on
 * the paths that count (one {@link LongAdder} add per call, never per record).
 */
public final class ShardCounters {

    /** The counters at one moment. */
    public record Snapshot(long incomingRecords, long incomingBytes, long writeThrottledRecords,
                           long getRecordsRecords, long getRecordsBytes, long readThrottledCalls,
                           long pushedRecords, long pushedBytes, long iteratorAgeMs, int subscriptions) {
    }

    private final LongAdder incomingRecords = new LongAdder();
    private final LongAdder incomingBytes = new LongAdder();
    private final LongAdder writeThrottledRecords = new LongAdder();
    private final LongAdder getRecordsRecords = new LongAdder();
    private final LongAdder getRecordsBytes = new LongAdder();
    private final LongAdder readThrottledCalls = new LongAdder();
    private final LongAdder pushedRecords = new LongAdder();
    private final LongAdder pushedBytes = new LongAdder();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private volatile long iteratorAgeMs;

    /** Records appended (PutRecord, PutRecords). */
    public void written(int records, long bytes) {
        incomingRecords.add(records);
        incomingBytes.add(bytes);
    }

    /** Records refused for the shard's write throughput. */
    public void writeThrottled(int records) {
        writeThrottledRecords.add(records);
    }

    /** A GetRecords answer: its records, and how far its last one lags the shard's newest (iterator age). */
    public void readByGetRecords(int records, long bytes, long millisBehindLatest) {
        getRecordsRecords.add(records);
        getRecordsBytes.add(bytes);
        iteratorAgeMs = millisBehindLatest;
    }

    /** A GetRecords call refused for the shard's read throughput. */
    public void readThrottled() {
        readThrottledCalls.increment();
    }

    /** An enhanced fan-out event read for a subscriber. */
    public void pushed(int records, long bytes) {
        pushedRecords.add(records);
        pushedBytes.add(bytes);
    }

    public void subscribed() {
        subscriptions.incrementAndGet();
    }

    public void unsubscribed() {
        subscriptions.decrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(incomingRecords.sum(), incomingBytes.sum(), writeThrottledRecords.sum(),
                getRecordsRecords.sum(), getRecordsBytes.sum(), readThrottledCalls.sum(), pushedRecords.sum(),
                pushedBytes.sum(), iteratorAgeMs, subscriptions.get());
    }
}
