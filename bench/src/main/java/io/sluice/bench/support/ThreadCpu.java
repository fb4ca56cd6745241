package io.sluice.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads, grouped by name with numbers dropped ({@code sluice-worker-3} and
 * {@code sluice-worker-7} are both {@code sluice-worker-#}), read from Linux's {@code /proc}: it shows whether
 * a run's server CPU went to serving, to the JIT compiler or to the garbage collector. Empty where there is no
 * {@code /proc}.
 */
public final class ThreadCpu {

    private static final double SECONDS_PER_TICK = 0.01; // USER_HZ, 100 on Linux

    private ThreadCpu() {
    }

    /** Seconds of CPU (user + system) per thread group of process {@code pid}. */
    public static Map<String, Double> of(long pid) {
        Map<String, Double> seconds = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return seconds;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    seconds.merge(name, ticks * SECONDS_PER_TICK, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException gone) {
            // the process ended while we looked
        }
        return seconds;
    }

    /** What each group spent between two readings, largest first, as "name 1.23" pairs scaled by {@code factor}. */
    public static String difference(Map<String, Double> before, Map<String, Double> after, double factor) {
        StringBuilder text = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) * factor))
                .filter(e -> e.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> text.append(text.length() == 0 ? "" : ", ")
                        .append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.2f", e.getValue())));
        return text.toString();
    }
}
