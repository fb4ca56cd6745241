package io.sluice.bench.support;

import java.net.URI;
import java.time.Duration;

/** A Kinesis endpoint under test, started as its own process, stopped by {@link #close()}. */
public interface Endpoint extends AutoCloseable {

    String name();

    URI uri();

    /** The endpoint's process. */
    long pid();

    /** CPU time the endpoint's process has used so far, to show where a run's time went. */
    default Duration cpu() {
        return ProcessHandle.of(pid()).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** CPU seconds the endpoint's process's threads have used so far. */
    default ThreadCpu threadCpu() {
        return ThreadCpu.of(pid());
    }

    @Override
    void close();
}
