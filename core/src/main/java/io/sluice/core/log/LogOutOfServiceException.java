package io.sluice.core.log;

import java.io.IOException;

/**
 * The shard log is out of service: an fsync failed (or a failed write could not be undone), so what it acknowledged
 * may not all be on disk, and the pages the kernel holds for it can no longer be trusted (PostgreSQL's fsync rule:
 * a failed fsync is never retried and believed). Every later append fails with this exception until the process
 * restarts and {@link ShardLog#open} recovers the log from what the disk really holds; reads keep working.
 * {@link #reason()} says what failed, in words fit for a client ("an fsync of its log failed: Input/output error").
 */
public final class LogOutOfServiceException extends IOException {

    private final String reason;

    LogOutOfServiceException(String reason, Throwable cause) {
        super("the shard log is out of service (" + reason + ")", cause);
        this.reason = reason;
    }

    /** What failed, e.g. {@code an fsync of its log failed: Input/output error}. */
    public String reason() {
        return reason;
    }

    /** The same state, thrown again from a later call (with that call's stack trace). */
    LogOutOfServiceException again() {
        return new LogOutOfServiceException(reason, getCause());
    }
}
