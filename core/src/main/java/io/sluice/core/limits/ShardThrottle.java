package io.sluice.core.limits;

import java.time.Clock;

/**
 * The throughput accounting of one shard: writes (bytes and records), polling reads (calls and bytes, plus the
 * penalty after a maximal read) and GetShardIterator calls.
 *
 * <p>Read bytes are charged after the read (the size is known only then) and may put the byte bucket into
 * debt; while it is in debt, or within {@code penaltyAfterMaxReadMs} of a read that was cut at
 * {@code maxBytesPerRead}, reads are refused. With limits disabled every method admits everything.
 *
 * <p>Thread-safe; one instance per shard, so contention is per shard only.
 */
public final class ShardThrottle {

    private final ThroughputLimits limits;
    private final Clock clock;
    private final TokenBucket writeBytes;
    private final TokenBucket writeRecords;
    private final TokenBucket readBytes;
    private final TokenBucket readCalls;
    private final TokenBucket iteratorCalls;
    private volatile long readBlockedUntilMs;

    public ShardThrottle(ThroughputLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.writeBytes = new TokenBucket(clock, limits.writeBytesPerSecond(), limits.writeBytesPerSecond());
        this.writeRecords = new TokenBucket(clock, limits.writeRecordsPerSecond(), limits.writeRecordsPerSecond());
        this.readBytes = new TokenBucket(clock, limits.readBytesPerSecond(), limits.readBytesPerSecond());
        this.readCalls = new TokenBucket(clock, limits.readCallBurst(), limits.readCallsPerSecond());
        this.iteratorCalls = new TokenBucket(clock, limits.iteratorCallsPerSecond(), limits.iteratorCallsPerSecond());
    }

    /** Admits one record of {@code bytes} (data + partition key), or returns false and charges nothing. */
    public boolean tryAdmitWrite(long bytes) {
        if (!limits.enabled()) {
            return true;
        }
        synchronized (this) {
            if (!writeRecords.tryTake(1)) {
                return false;
            }
            if (!writeBytes.tryTake(bytes)) {
                writeRecords.giveBack(1);
                return false;
            }
            return true;
        }
    }

    /** Admits one GetRecords call (charging the call), or returns false. */
    public boolean tryAdmitRead() {
        if (!limits.enabled()) {
            return true;
        }
        if (clock.millis() < readBlockedUntilMs || !readBytes.hasAvailable(0)) {
            return false;
        }
        return readCalls.tryTake(1);
    }

    /**
     * Charges the bytes a GetRecords call returned; {@code hitByteCap} says the call stopped because the next
     * record would have taken it past {@code maxBytesPerRead} (a "10 MiB call" in Kinesis's terms), which starts
     * the penalty.
     */
    public void chargeRead(long bytes, boolean hitByteCap) {
        if (!limits.enabled()) {
            return;
        }
        readBytes.take(bytes);
        if (hitByteCap || bytes >= limits.maxBytesPerRead()) {
            readBlockedUntilMs = clock.millis() + limits.penaltyAfterMaxReadMs();
        }
    }

    /** Admits one GetShardIterator call, or returns false. */
    public boolean tryAdmitIterator() {
        return !limits.enabled() || iteratorCalls.tryTake(1);
    }
}
