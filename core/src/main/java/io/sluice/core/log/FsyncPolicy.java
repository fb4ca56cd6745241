package io.sluice.core.log;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * When appended bytes are forced to stable storage.
 *
 * <ul>
 *   <li>{@link Always}: {@link ShardLog#append} calls {@code fdatasync} before it returns, so an acknowledged
 *       append survives a power loss.</li>
 *   <li>{@link Interval}: appends return once the bytes are in the page cache (they survive a process crash);
 *       one shared flusher thread in the {@link LogRuntime} forces every log written since its last pass, once
 *       per {@code period}. A power loss may lose up to one period of acknowledged appends.</li>
 * </ul>
 */
public sealed interface FsyncPolicy {

    /** Every append is on disk before it is acknowledged. */
    record Always() implements FsyncPolicy {
        @Override
        public String toString() {
            return "always";
        }
    }

    /** A shared flusher forces written logs every {@code period}. */
    record Interval(Duration period) implements FsyncPolicy {
        public Interval {
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("fsync interval must be positive, got " + period);
            }
        }

        @Override
        public String toString() {
            return "interval:" + period.toMillis() + "ms";
        }
    }

    static FsyncPolicy always() {
        return new Always();
    }

    static FsyncPolicy interval(Duration period) {
        return new Interval(period);
    }

    /**
     * Parses {@code always}, {@code interval} (1000 ms) or {@code interval:<millis>} (an optional {@code ms}
     * suffix is accepted), the form {@link #toString()} produces.
     */
    static FsyncPolicy parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("always")) {
            return always();
        }
        if (s.equals("interval")) {
            return interval(Duration.ofSeconds(1));
        }
        if (s.startsWith("interval:")) {
            String millis = s.substring("interval:".length());
            if (millis.endsWith("ms")) {
                millis = millis.substring(0, millis.length() - 2);
            }
            try {
                return interval(Duration.ofMillis(Long.parseLong(millis)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fsync policy '" + text + "': interval must be a number of milliseconds, e.g. interval:200", e);
            }
        }
        throw new IllegalArgumentException("fsync policy '" + text + "' is not one of: always, interval, interval:<millis>");
    }
}
