package io.sluice.connect.common;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The wait before retrying after failures in a row, for both connectors: exponential, so a throttled stream gets
 * room, and jittered, so tasks failing together do not retry in step. The n-th failure in a row (from 1) waits
 * between half and all of {@code min(base * 2^(n-1), max)} (AWS's "equal jitter"); a success starts from the base
 * again. Not thread-safe.
 */
public final class Backoff {

    private final long baseMs;
    private final long maxMs;
    private final LongUnaryOperator random;
    private int failures;

    public Backoff(Duration base, Duration max) {
        this(base, max, bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /**
     * @param random given n &gt; 0, a uniformly random value in [0, n)
     */
    public Backoff(Duration base, Duration max, LongUnaryOperator random) {
        this.baseMs = Math.max(1, base.toMillis());
        this.maxMs = Math.max(max.toMillis(), baseMs);
        this.random = random;
    }

    /** Counts one more failure in a row and returns the wait after it, in milliseconds. */
    public long nextMillis() {
        long ceiling = baseMs;
        for (int i = 0; i < failures && ceiling < maxMs; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMs);
        failures = Math.min(failures + 1, 62);
        long half = ceiling / 2;
        return ceiling - half + random.applyAsLong(half + 1);
    }

    /** A success: the next failure waits about the base again. */
    public void reset() {
        failures = 0;
    }
}
