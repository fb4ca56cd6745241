package io.sluice.bench.support;

import java.net.URI;
import java.time.Duration;

/** A Kinesis endpoint under test, started as its own process, stopped by {@link #close()}. */
public interface Endpoint extends AutoCloseable {

    String name();

    URI uri();

    /** CPU time the endpoint's process has used so far, to show where a run's time went. */
    Duration cpu();

    @Override
    void close();
}
