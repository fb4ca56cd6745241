package io.sluice.core.limits;

import java.time.Clock;

/**
 * A token bucket refilled continuously at {@code ratePerSecond} up to {@code capacity} (one second's worth in
 * Kinesis's limits), timed by an injectable {@link Clock}. Starts full.
 *
 * <p>Thread-safe (synchronized on the bucket; each bucket belongs to one shard, so there is no global lock).
 */
public final class TokenBucket {

    private final Clock clock;
    private final double capacity;
    private final double ratePerMs;
    private double tokens;
    private long lastRefillMs;

    public TokenBucket(Clock clock, double capacity, double ratePerSecond) {
        this.clock = clock;
        this.capacity = capacity;
        this.ratePerMs = ratePerSecond / 1000.0;
        this.tokens = capacity;
        this.lastRefillMs = clock.millis();
    }

    /** Takes {@code amount} tokens when that many are available; otherwise takes none and returns false. */
    public synchronized boolean tryTake(double amount) {
        refill();
        if (tokens < amount) {
            return false;
        }
        tokens -= amount;
        return true;
    }

    /** True when at least {@code amount} tokens are available (nothing is taken). */
    public synchronized boolean hasAvailable(double amount) {
        refill();
        return tokens >= amount;
    }

    /** Takes {@code amount} unconditionally; the balance may go negative (a debt repaid by later refills). */
    public synchronized void take(double amount) {
        refill();
        tokens -= amount;
    }

    /** Gives back tokens taken for work that was not done. */
    public synchronized void giveBack(double amount) {
        tokens = Math.min(capacity, tokens + amount);
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastRefillMs) {
            tokens = Math.min(capacity, tokens + (now - lastRefillMs) * ratePerMs);
            lastRefillMs = now;
        }
    }
}
