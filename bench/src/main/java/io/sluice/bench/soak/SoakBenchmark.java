package io.sluice.bench.soak;

import io.sluice.bench.support.Directories;
import io.sluice.bench.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run soak [minutes=10] [producers=4] [attackers=4]}: the hostile soak of hardening #13 against
 * {@code sluice-server} in its own JVM as users run it (Kinesis limits on, {@code --auth sigv4} with
 * {@code config/server/auth.json}, fsync every second). Samples the server's resident memory and open files every
 * five seconds; both must stay bounded: the second half of the run may not need more than the first.
 */
public final class SoakBenchmark {

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int attackers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dataDir = Files.createTempDirectory("sluice-bench-soak-");
        List<long[]> samples = new ArrayList<>(); // {elapsed ms, rss bytes, open files}
        try (SluiceProcess server = new SluiceProcess(dataDir, true,
                List.of("--auth", "sigv4", "--auth-config", "config/server/auth.json"))) {
            HostileSoak.Report report = new HostileSoak(new HostileSoak.Target(server.uri(), "us-east-1",
                    "AKIASLUICEADMIN00001", "change-me-admin-secret"), producers, attackers)
                    .run(Duration.ofMillis((long) (minutes * 60_000)), elapsed -> {
                        try {
                            ProcessFootprint now = ProcessFootprint.of(server.pid());
                            samples.add(new long[] {elapsed.toMillis(), now.rssBytes(), now.openFiles()});
                            if (samples.size() % 12 == 0) {
                                System.out.printf(Locale.ROOT, "%5.1f min  rss %d MB  open files %d%n",
                                        elapsed.toMillis() / 60_000.0, now.rssMegabytes(), now.openFiles());
                            }
                        } catch (java.io.IOException gone) {
                            System.out.println("server process gone: " + gone);
                        }
                    });
            print(report, samples, minutes);
        } finally {
            Directories.deleteTree(dataDir);
        }
    }

    private static void print(HostileSoak.Report report, List<long[]> samples, double minutes) {
        System.out.println("hostile requests by kind and answer (status; 0 = connection closed; -1 = no answer in 30 s):");
        report.hostileAnswers().forEach((kind, byStatus) -> System.out.printf("  %-18s %s%n", kind, byStatus));
        System.out.printf(Locale.ROOT, "acknowledged %d records (%d entries throttled, %d calls failed after "
                + "retries); missing on read-back: %d%n", report.acknowledged(), report.refusedEntries(),
                report.failedCalls(), report.missing().size());
        int half = samples.size() / 2;
        long firstRss = max(samples.subList(0, half), 1) >> 20;
        long secondRss = max(samples.subList(half, samples.size()), 1) >> 20;
        long firstFds = max(samples.subList(0, half), 2);
        long secondFds = max(samples.subList(half, samples.size()), 2);
        boolean bounded = secondRss <= firstRss * 1.1 + 64 && secondFds <= firstFds + 16;
        System.out.printf(Locale.ROOT, "SUMMARY minutes=%s acknowledged=%d lost=%d hostile_requests=%d unanswered=%d "
                        + "rss_first_half_max_mb=%d rss_second_half_max_mb=%d fds_first_half_max=%d "
                        + "fds_second_half_max=%d bounded=%s serves_after=%s%n",
                minutes, report.acknowledged(), report.missing().size(), report.hostileRequests(),
                report.unanswered(), firstRss, secondRss, firstFds, secondFds, bounded, report.servesAfter());
    }

    private static long max(List<long[]> samples, int column) {
        return samples.stream().mapToLong(sample -> sample[column]).max().orElse(0);
    }
}
