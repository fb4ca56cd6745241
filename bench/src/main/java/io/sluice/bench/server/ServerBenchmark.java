package io.sluice.bench.server;

import io.sluice.bench.support.Directories;
import io.sluice.bench.support.Endpoint;
import io.sluice.bench.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bench/run server}: the same load (AWS SDK v2 sync client, 8 threads, PutRecords of 500 × 1 KiB, then a
 * GetRecords drain of 4 shards, limits off) against sluice-server and against kinesalite, JSON on both sides
 * (kinesalite's CBOR is broken for the Java SDK), plus Sluice with CBOR, and put→get latency. Each measured run
 * follows an unmeasured warm-up run of the same load against the same endpoint.
 *
 * <p>Arguments: {@code [batchesPerThread=20] [latencySamples=300]}.
 */
public final class ServerBenchmark {

    private ServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path work = Files.createTempDirectory("sluice-bench-server-");
        try {
            LoadGenerator.Result sluiceJson;
            LoadGenerator.Result sluiceCbor;
            try (SluiceProcess sluice = new SluiceProcess(work.resolve("data"))) {
                sluiceJson = measure(sluice, false, "bench-json", batches, samples);
                sluiceCbor = measure(sluice, true, "bench-cbor", batches, samples);
            }
            LoadGenerator.Result kinesalite;
            try (KinesaliteProcess node = new KinesaliteProcess(work.resolve("kinesalite"))) {
                kinesalite = measure(node, false, "bench-json", batches, samples);
            }
            double putRatio = sluiceJson.putRps() / kinesalite.putRps();
            double getRatio = sluiceJson.getRps() / kinesalite.getRps();
            System.out.printf(Locale.ROOT, "ratios (sluice JSON / kinesalite JSON): put %.1fx, get %.1fx%n", putRatio, getRatio);
            System.out.printf(Locale.ROOT, "SUMMARY put_rps=%.0f get_rps=%.0f kinesalite_put_rps=%.0f kinesalite_get_rps=%.0f "
                            + "put_ratio=%.1f get_ratio=%.1f p50_ms=%.2f p99_ms=%.2f cbor_put_rps=%.0f cbor_get_rps=%.0f%n",
                    sluiceJson.putRps(), sluiceJson.getRps(), kinesalite.putRps(), kinesalite.getRps(),
                    putRatio, getRatio, sluiceJson.p50Ms(), sluiceJson.p99Ms(), sluiceCbor.putRps(), sluiceCbor.getRps());
        } finally {
            Directories.deleteTree(work);
        }
    }

    private static LoadGenerator.Result measure(Endpoint endpoint, boolean cbor, String stream, int batches, int samples)
            throws Exception {
        try (LoadGenerator load = new LoadGenerator(endpoint.uri(), cbor)) {
            load.warmUp(stream + "-warmup", Math.max(1, batches / 2));
            LoadGenerator.Result result = load.run(stream, batches, samples, endpoint::cpu);
            System.out.printf(Locale.ROOT, "%-10s %-4s records=%d put_rps=%.0f get_rps=%.0f latency p50=%.2f ms p99=%.2f ms"
                            + " | CPU s per 100k records: put server %.2f client %.2f, get server %.2f client %.2f%n",
                    endpoint.name(), cbor ? "CBOR" : "JSON", result.records(), result.putRps(), result.getRps(),
                    result.p50Ms(), result.p99Ms(), result.putServerCpu(), result.putClientCpu(),
                    result.getServerCpu(), result.getClientCpu());
            return result;
        }
    }
}
