package io.sluice.connect.source;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before retrying a shard after a throttled or failed call: exponential from
 * {@code kinesis.throughput.exceeded.backoff.ms}, doubling per consecutive failure up to 30 s, jittered by ±50% so
 * the tasks of a connector do not retry in step. Not thread-safe.
 */
final class ShardBackoff {

    private static final long MAX_NANOS = Duration.ofSeconds(30).toNanos();

    private final long baseNanos;
    private int failures;

    ShardBackoff(Duration base) {
        this.baseNanos = base.toNanos();
    }

    /** The next wait, in nanoseconds; each call counts one more failure. */
    long next() {
        long capped = Math.min(baseNanos << Math.min(failures, 10), MAX_NANOS);
        failures++;
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped + 1);
    }

    /** A call succeeded: the next failure waits the base again. */
    void reset() {
        failures = 0;
    }
}
