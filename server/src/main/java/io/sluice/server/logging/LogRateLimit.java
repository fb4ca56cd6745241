package io.sluice.server.logging;

import java.util.function.LongConsumer;

/**
 * Admits at most {@code linesPerSecond} log lines of one kind a second, so a flood of bad requests cannot fill the
 * disk or drown the lines that matter. What it refuses is counted, and the first line admitted after a refusal
 * reports the count first (through {@code reportSuppressed}), so the log still says that something happened and
 * how often. Thread-safe.
 */
public final class LogRateLimit {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int linesPerSecond;
    private final LongConsumer reportSuppressed;
    private long windowStartNanos = System.nanoTime();
    private int admittedInWindow;
    private long suppressed;

    public LogRateLimit(int linesPerSecond, LongConsumer reportSuppressed) {
        this.linesPerSecond = linesPerSecond;
        this.reportSuppressed = reportSuppressed;
    }

    /** Whether the caller may log its line now. */
    public boolean admit() {
        return admit(System.nanoTime());
    }

    // visible for testing
    boolean admit(long nowNanos) {
        long toReport;
        synchronized (this) {
            if (nowNanos - windowStartNanos >= SECOND_NANOS) {
                windowStartNanos = nowNanos;
                admittedInWindow = 0;
            }
            if (admittedInWindow >= linesPerSecond) {
                suppressed++;
                return false;
            }
            admittedInWindow++;
            toReport = suppressed;
            suppressed = 0;
        }
        if (toReport > 0) {
            reportSuppressed.accept(toReport);
        }
        return true;
    }
}
