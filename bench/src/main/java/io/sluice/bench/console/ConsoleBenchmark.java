package io.sluice.bench.console;

import io.sluice.bench.server.LoadGenerator;
import io.sluice.bench.support.Directories;
import io.sluice.bench.support.Percentiles;
import io.sluice.bench.support.PhaseCpu;
import io.sluice.bench.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run console [rounds=5] [batches=20] [viewers=10]}: what looking at a stream in the web console costs
 * the Kinesis port. The server (its own JVM, {@code --admin-port}) takes {@code server}'s put load — 8 threads of
 * PutRecords of 500 × 1 KiB into 4 shards, CBOR — alone and then while {@code viewers} console pages watch that
 * stream (its page every 2 s, its newest 100 records every second, as the page polls); the figure is the ratio of
 * the two put rates and the server's CPU per record in each. Then the viewers alone on an idle server: the server's
 * CPU per console call. The console's rate sampler runs throughout (once a second), as it does on every server
 * with {@code --admin-port}. Rounds alternate alone and watched after a minute of unmeasured ones (the server's JIT
 * compiles the console's paths too); medians are printed.
 */
public final class ConsoleBenchmark {

    private record Round(double aloneRps, double watchedRps, PhaseCpu.Result alone, PhaseCpu.Result watched) {
    }

    private static final long WARM_UP_NANOS = 60_000_000_000L;
    private static final long IDLE_SECONDS = 30;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int viewers = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long records = (long) LoadGenerator.THREADS * batches * LoadGenerator.BATCH;
        Path work = Files.createTempDirectory("sluice-bench-console-");
        List<Round> measured = new ArrayList<>();
        PhaseCpu.Result idle;
        long idleCalls;
        try (SluiceProcess sluice = new SluiceProcess(work.resolve("data"), false, List.of("--admin-port", "0"));
             LoadGenerator load = new LoadGenerator(sluice.uri(), true)) {
            System.out.printf(Locale.ROOT, "%d records of %d bytes per phase, %d threads, %d shards; %d console "
                    + "viewers; %d measured rounds after a minute of unmeasured ones%n", records,
                    LoadGenerator.RECORD_BYTES, LoadGenerator.THREADS, LoadGenerator.SHARDS, viewers, rounds);
            long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
            int warmUps = 0;
            while (System.nanoTime() < warmUpEnd) {
                round("w" + warmUps++, load, sluice, batches, records, viewers);
            }
            System.out.println(warmUps + " unmeasured rounds");
            for (int r = 0; r < rounds; r++) {
                Round round = round("r" + r, load, sluice, batches, records, viewers);
                measured.add(round);
                System.out.printf(Locale.ROOT, "round %d  alone %.0f rec/s (%s)%n         watched %.0f rec/s (%s)%n",
                        r + 1, round.aloneRps(), round.alone().describe(), round.watchedRps(),
                        round.watched().describe());
            }
            load.createAndWait("idle-watched", LoadGenerator.SHARDS);
            load.put("idle-watched", 1); // 4 000 records for the tail to show
            try (ConsoleViewers watching = new ConsoleViewers(sluice.adminUri(), "idle-watched", viewers)) {
                Thread.sleep(3000); // sessions made, first pages read
                long before = watching.calls();
                PhaseCpu cpu = new PhaseCpu(sluice);
                Thread.sleep(IDLE_SECONDS * 1000);
                idleCalls = watching.calls() - before;
                idle = cpu.stop(idleCalls);
            }
        } finally {
            Directories.deleteTree(work);
        }
        double alone = median(measured.stream().mapToDouble(Round::aloneRps).toArray());
        double watched = median(measured.stream().mapToDouble(Round::watchedRps).toArray());
        double aloneCpu = median(measured.stream().mapToDouble(r -> r.alone().serverMicros()).toArray());
        double watchedCpu = median(measured.stream().mapToDouble(r -> r.watched().serverMicros()).toArray());
        System.out.printf(Locale.ROOT, "idle server, %d viewers: %d console calls in %d s, server CPU per call %.0f µs "
                + "(%s)%n%s%n", viewers, idleCalls, IDLE_SECONDS, idle.serverMicros(), idle.describe(), idle.threads());
        System.out.printf(Locale.ROOT, "SUMMARY put_rps_alone=%.0f put_rps_watched=%.0f watched_ratio=%.2f "
                        + "server_cpu_us_alone=%.1f server_cpu_us_watched=%.1f viewers=%d console_calls_per_s=%.1f "
                        + "server_cpu_us_per_console_call=%.0f%n", alone, watched, watched / alone, aloneCpu, watchedCpu,
                viewers, (double) idleCalls / IDLE_SECONDS, idle.serverMicros());
    }

    private static Round round(String name, LoadGenerator load, SluiceProcess sluice, int batches, long records,
                               int viewers) throws Exception {
        String aloneStream = "alone-" + name;
        load.createAndWait(aloneStream, LoadGenerator.SHARDS);
        PhaseCpu cpu = new PhaseCpu(sluice);
        double aloneSeconds = load.put(aloneStream, batches);
        PhaseCpu.Result alone = cpu.stop(records);

        String watchedStream = "watched-" + name;
        load.createAndWait(watchedStream, LoadGenerator.SHARDS);
        try (ConsoleViewers watching = new ConsoleViewers(sluice.adminUri(), watchedStream, viewers)) {
            Thread.sleep(1500); // every viewer has its session and first page
            cpu = new PhaseCpu(sluice);
            double watchedSeconds = load.put(watchedStream, batches);
            PhaseCpu.Result watched = cpu.stop(records);
            watching.calls(); // fails the run if a call failed
            return new Round(records / aloneSeconds, records / watchedSeconds, alone, watched);
        }
    }

    private static double median(double[] values) {
        return Percentiles.of(values, 50);
    }
}
