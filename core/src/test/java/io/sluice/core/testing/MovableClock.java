package io.sluice.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset a test moves forward, for a server that must see minutes pass in a second
 * (iterators and pagination tokens expire after 5 minutes). It keeps ticking with real time, so rates and
 * timeouts still behave.
 * Thread-safe.
 */
public final class MovableClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    /** Moves this clock {@code by} ahead of real time, on top of earlier moves. */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("A MovableClock is UTC only");
    }
}
