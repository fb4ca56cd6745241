package io.sluice.bench.server;

import io.sluice.bench.support.Directories;
import io.sluice.bench.support.Endpoint;
import io.sluice.bench.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run server}: the same load (AWS SDK v2 sync client, 8 threads, PutRecords of 500 × 1 KiB, then a
 * GetRecords drain of 4 shards, limits off) against sluice-server and against kinesalite, JSON on both sides
 * (kinesalite's CBOR is broken for the Java SDK), plus Sluice with CBOR, and put→get latency. Unmeasured warm-up
 * rounds of the same load against every endpoint come first; the figures are medians of measured rounds.
 *
 * <p>Load generator and server share this machine's cores, so besides the throughput ratios it prints what each
 * side spent: the servers' CPU per record (their ratio is what the server itself is worth) and the ceiling the
 * load generator alone allows — all cores busy with the client and none with the server — expressed as the
 * highest throughput ratio over kinesalite that this machine could show.
 *
 * <p>Arguments: {@code [batchesPerThread=30] [latencySamples=1000]}.
 */
public final class ServerBenchmark {

    /**
     * Unmeasured rounds of the whole load against every endpoint before any is measured. The servers' JITs need
     * several (with two, compiler threads still took a fifth of the server's CPU in some measured puts): they compile the bulk paths during the put and drain, the 1-record latency loop then takes
     * branches those compilations never saw, and the next drain ran partly deoptimized (compiler threads took a
     * third of the server's CPU in it). And this JVM's client must be as warm for each endpoint: measured one
     * after the other with only their own warm-up, whichever came first paid for compiling the SDK — its client
     * CPU per record was twice the second's, and the throughput ratio swung from 5 to 12 with the order.
     */
    private static final int WARM_UP_ROUNDS = 3;

    /**
     * Measured rounds, each of the three loads in turn (so a disturbance on the shared machine hits both servers
     * alike); every figure is the median of the rounds'. Single rounds of the same build swung between 8.6× and
     * 12.8× kinesalite.
     */
    private static final int MEASURED_ROUNDS = 3;

    private ServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path work = Files.createTempDirectory("sluice-bench-server-");
        LoadGenerator.Result sluiceJson;
        LoadGenerator.Result kinesalite;
        LoadGenerator.Result sluiceCbor;
        try (SluiceProcess sluice = new SluiceProcess(work.resolve("data"));
             KinesaliteProcess node = new KinesaliteProcess(work.resolve("kinesalite"));
             LoadGenerator sluiceJsonLoad = new LoadGenerator(sluice.uri(), false);
             LoadGenerator kinesaliteLoad = new LoadGenerator(node.uri(), false);
             LoadGenerator sluiceCborLoad = new LoadGenerator(sluice.uri(), true)) {
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                sluiceJsonLoad.warmUp("json-warmup-" + round, batches, samples);
                kinesaliteLoad.warmUp("json-warmup-" + round, batches, samples);
                sluiceCborLoad.warmUp("cbor-warmup-" + round, batches, samples);
            }
            List<LoadGenerator.Result> sluiceJsonRounds = new ArrayList<>();
            List<LoadGenerator.Result> kinesaliteRounds = new ArrayList<>();
            List<LoadGenerator.Result> sluiceCborRounds = new ArrayList<>();
            for (int round = 1; round <= MEASURED_ROUNDS; round++) {
                sluiceJsonRounds.add(measure(sluice, sluiceJsonLoad, "JSON", round, batches, samples));
                kinesaliteRounds.add(measure(node, kinesaliteLoad, "JSON", round, batches, samples));
                sluiceCborRounds.add(measure(sluice, sluiceCborLoad, "CBOR", round, batches, samples));
            }
            sluiceJson = LoadGenerator.Result.median(sluiceJsonRounds);
            kinesalite = LoadGenerator.Result.median(kinesaliteRounds);
            sluiceCbor = LoadGenerator.Result.median(sluiceCborRounds);
        } finally {
            Directories.deleteTree(work);
        }
        // after both servers have stopped, so the SUMMARY line is the last one printed
        print("median", sluiceJson, "sluice", "JSON");
        print("median", kinesalite, "kinesalite", "JSON");
        print("median", sluiceCbor, "sluice", "CBOR");
        double putRatio = sluiceJson.putRps() / kinesalite.putRps();
        double getRatio = sluiceJson.getRps() / kinesalite.getRps();
        double putCpuRatio = kinesalite.putServerCpu() / sluiceJson.putServerCpu();
        double getCpuRatio = kinesalite.getServerCpu() / sluiceJson.getServerCpu();
        int cores = Runtime.getRuntime().availableProcessors();
        double putCeiling = ceilingRps(cores, sluiceJson.putClientCpu()) / kinesalite.putRps();
        double getCeiling = ceilingRps(cores, sluiceJson.getClientCpu()) / kinesalite.getRps();
        System.out.printf(Locale.ROOT, "ratios (sluice JSON / kinesalite JSON): throughput put %.1fx, get %.1fx;"
                + " server CPU per record put %.1fx, get %.1fx%n", putRatio, getRatio, putCpuRatio, getCpuRatio);
        System.out.printf(Locale.ROOT, "load generator ceiling on %d cores (client CPU per record, server free):"
                + " put %.1fx, get %.1fx kinesalite%n", cores, putCeiling, getCeiling);
        System.out.printf(Locale.ROOT, "SUMMARY put_rps=%.0f get_rps=%.0f kinesalite_put_rps=%.0f kinesalite_get_rps=%.0f "
                        + "put_ratio=%.1f get_ratio=%.1f p50_ms=%.2f p99_ms=%.2f cbor_put_rps=%.0f cbor_get_rps=%.0f "
                        + "put_cpu_ratio=%.1f get_cpu_ratio=%.1f ceiling_put_ratio=%.1f ceiling_get_ratio=%.1f%n",
                sluiceJson.putRps(), sluiceJson.getRps(), kinesalite.putRps(), kinesalite.getRps(),
                putRatio, getRatio, sluiceJson.p50Ms(), sluiceJson.p99Ms(), sluiceCbor.putRps(), sluiceCbor.getRps(),
                putCpuRatio, getCpuRatio, putCeiling, getCeiling);
    }

    /** Records per second the load generator could drive if it had every core and the server cost nothing. */
    private static double ceilingRps(int cores, double clientCpuPer100k) {
        return cores * 100_000 / clientCpuPer100k;
    }

    private static LoadGenerator.Result measure(Endpoint endpoint, LoadGenerator load, String format, int round,
                                                int batches, int samples) throws Exception {
        LoadGenerator.Result result = load.run("bench-" + format.toLowerCase(Locale.ROOT) + "-" + round, batches,
                samples, endpoint);
        print("round " + round, result, endpoint.name(), format);
        return result;
    }

    private static void print(String label, LoadGenerator.Result result, String endpoint, String format) {
        System.out.printf(Locale.ROOT, "%-8s %-10s %-4s records=%d put_rps=%.0f get_rps=%.0f latency p50=%.2f ms "
                        + "p99=%.2f ms | CPU s per 100k records: put server %.2f client %.2f, get server %.2f client %.2f%n",
                label, endpoint, format, result.records(), result.putRps(), result.getRps(),
                result.p50Ms(), result.p99Ms(), result.putServerCpu(), result.putClientCpu(),
                result.getServerCpu(), result.getClientCpu());
        System.out.printf(Locale.ROOT, "%-24s server CPU s per 100k by thread: put %s | get %s%n", "",
                result.putServerThreads(), result.getServerThreads());
    }
}
