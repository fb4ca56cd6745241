package io.sluice.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock tests move by hand, in two kinds:
 * <ul>
 * <li>{@link #stoppedAt}: stands still until moved, so token buckets refill and iterators age only when told and
 * limits give the same answers however slow the machine;
 * <li>{@link #ticking}: real time plus what the test moved it, for a server that must see minutes pass in a second
 * (iterators expire after 5 minutes) while rates and timeouts still behave.
 * </ul>
 * UTC. Thread-safe.
 */
public final class TestClock extends Clock {

    private final boolean ticking;
    private final AtomicLong offsetMillis;

    private TestClock(boolean ticking, long offsetMillis) {
        this.ticking = ticking;
        this.offsetMillis = new AtomicLong(offsetMillis);
    }

    /** A clock that reads {@code epochMillis} until a test moves it. */
    public static TestClock stoppedAt(long epochMillis) {
        return new TestClock(false, epochMillis);
    }

    /** A clock that reads real time until a test moves it ahead. */
    public static TestClock ticking() {
        return new TestClock(true, 0);
    }

    /** Moves this clock {@code by} ahead, on top of earlier moves. */
    public void advance(Duration by) {
        advanceMillis(by.toMillis());
    }

    public void advanceMillis(long ms) {
        offsetMillis.addAndGet(ms);
    }

    @Override
    public long millis() {
        return (ticking ? System.currentTimeMillis() : 0) + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("A TestClock is UTC only");
        }
        return this;
    }
}
