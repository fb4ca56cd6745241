package io.sluice.connect.sink;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Backoff between PutRecords retries, with jitter so tasks throttled together do not retry in lockstep: after a
 * call that delivered something the delay is the base (the shard is busy, not stuck); after each call in a row
 * that delivered nothing it doubles, up to the maximum. The delay drawn is between half and all of that.
 * Not thread-safe.
 */
final class Backoff {

    private final long baseMs;
    private final long maxMs;
    private final LongUnaryOperator random;
    private int fruitless;

    /**
     * @param random given n &gt; 0, a uniformly random value in [0, n)
     */
    Backoff(Duration base, Duration max, LongUnaryOperator random) {
        this.baseMs = base.toMillis();
        this.maxMs = Math.max(max.toMillis(), baseMs);
        this.random = random;
    }

    /** The delay after a call with failures; {@code progress} says whether it delivered anything. */
    long nextDelayMs(boolean progress) {
        fruitless = progress ? 0 : Math.min(fruitless + 1, 62);
        long ceiling = baseMs;
        for (int i = 0; i < fruitless && ceiling < maxMs; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMs);
        long half = ceiling / 2;
        return ceiling - half + random.applyAsLong(half + 1);
    }

    /** A call without failures: the next backoff starts from the base again. */
    void reset() {
        fruitless = 0;
    }
}
