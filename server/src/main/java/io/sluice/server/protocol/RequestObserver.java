package io.sluice.server.protocol;

/** Told of every request answered, for metrics. Implementations are thread-safe and cheap: they run per request. */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (action, status, nanos) -> { };

    /** {@code action}: the operation named by the request ({@code -} when none or unknown); {@code nanos}: its time. */
    void answered(String action, int status, long nanos);
}
