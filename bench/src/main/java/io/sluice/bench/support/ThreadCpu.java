package io.sluice.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads at one moment, read from Linux's {@code /proc}, to show whether a run's CPU went
 * to serving, to the JIT compiler or to the garbage collector. Threads are grouped by name with numbers dropped
 * ({@code sluice-worker-3} and {@code sluice-worker-7} are both {@code sluice-worker-#}; Linux keeps 15 characters of
 * a name). Differences are taken thread by thread, so threads that started or ended between two readings do not
 * skew their group. Empty where there is no {@code /proc}.
 */
public final class ThreadCpu {

    private static final double SECONDS_PER_TICK = 0.01; // USER_HZ, 100 on Linux

    private record Thread(String group, double seconds) {
    }

    private final Map<Long, Thread> threads;

    private ThreadCpu(Map<Long, Thread> threads) {
        this.threads = threads;
    }

    /** CPU seconds (user + system) each thread of process {@code pid} has used so far. */
    public static ThreadCpu of(long pid) {
        Map<Long, Thread> threads = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return new ThreadCpu(threads);
        }
        try (Stream<Path> list = Files.list(tasks)) {
            list.forEach(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    threads.put(Long.parseLong(thread.getFileName().toString()),
                            new Thread(name, ticks * SECONDS_PER_TICK));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException gone) {
            // the process ended while we looked
        }
        return new ThreadCpu(threads);
    }

    /** Seconds all threads alive now have used. */
    public double total() {
        return threads.values().stream().mapToDouble(Thread::seconds).sum();
    }

    /**
     * What each group spent since {@code before}, largest first, as "name 1.23" pairs scaled by {@code factor}; a
     * thread that ended meanwhile is missing (its last seconds are unknown).
     */
    public String since(ThreadCpu before, double factor) {
        Map<String, Double> groups = new TreeMap<>();
        threads.forEach((tid, now) -> {
            Thread then = before.threads.get(tid);
            groups.merge(now.group(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
        });
        StringBuilder text = new StringBuilder();
        groups.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() * factor))
                .filter(e -> e.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> text.append(text.length() == 0 ? "" : ", ")
                        .append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.2f", e.getValue())));
        return text.toString();
    }
}
