package io.sluice.bench.server;

import io.sluice.bench.support.Endpoint;
import io.sluice.bench.support.Percentiles;
import io.sluice.bench.support.ThreadCpu;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The same load against any endpoint: PutRecords of 500 × 1 KiB from 8 threads, a GetRecords drain of every
 * shard, and put→get visibility latency — all through the AWS SDK v2 sync client.
 */
public final class LoadGenerator implements AutoCloseable {

    public static final int THREADS = 8;
    public static final int BATCH = 500;
    public static final int RECORD_BYTES = 1024;
    public static final int SHARDS = 4;

    /**
     * Figures of one run. CPU is in seconds per 100 000 records, for the endpoint's process and for this (load
     * generator) process, so a run shows which side bounds it; the thread texts split the endpoint's CPU by
     * thread group (serving, JIT compiler, garbage collector), where the platform tells.
     */
    record Result(long records, double putRps, double getRps, double p50Ms, double p99Ms,
                  double putServerCpu, double putClientCpu, double getServerCpu, double getClientCpu,
                  String putServerThreads, String getServerThreads) {

        /**
         * Each figure's median over several measured rounds, so one round disturbed by the shared machine does not
         * decide the run; the thread breakdowns are the middle round's.
         */
        static Result median(List<Result> rounds) {
            return new Result(rounds.get(0).records(),
                    median(rounds, Result::putRps), median(rounds, Result::getRps),
                    median(rounds, Result::p50Ms), median(rounds, Result::p99Ms),
                    median(rounds, Result::putServerCpu), median(rounds, Result::putClientCpu),
                    median(rounds, Result::getServerCpu), median(rounds, Result::getClientCpu),
                    rounds.get(rounds.size() / 2).putServerThreads(), rounds.get(rounds.size() / 2).getServerThreads());
        }

        private static double median(List<Result> rounds, ToDoubleFunction<Result> figure) {
            return Percentiles.of(rounds.stream().mapToDouble(figure).toArray(), 50);
        }
    }

    private final KinesisClient kinesis;

    public LoadGenerator(URI endpoint, boolean cbor) {
        System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(cbor));
        try {
            kinesis = KinesisClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")))
                    .httpClientBuilder(Apache5HttpClient.builder().maxConnections(THREADS * 2)
                            .socketTimeout(Duration.ofSeconds(120)))
                    .build();
        } finally {
            System.clearProperty(SdkSystemSetting.CBOR_ENABLED.property());
        }
    }

    /**
     * The same load on a throwaway stream, unmeasured, so both endpoints' JITs (and this client's) have compiled
     * their hot paths before the measured run: otherwise whichever format runs first pays the warm-up, and the
     * latency samples time the compiler rather than the round trips.
     */
    void warmUp(String stream, int batchesPerThread, int latencySamples) throws Exception {
        createAndWait(stream, SHARDS);
        put(stream, batchesPerThread);
        drain(stream, (long) THREADS * batchesPerThread * BATCH);
        latency(stream + "-latency", latencySamples);
        deleteStreams(stream);
    }

    /** kinesalite keeps every record in memory, and rounds of 120 MB each would add up. */
    private void deleteStreams(String stream) {
        kinesis.deleteStream(r -> r.streamName(stream));
        kinesis.deleteStream(r -> r.streamName(stream + "-latency"));
    }

    Result run(String stream, int batchesPerThread, int latencySamples, Endpoint server) throws Exception {
        createAndWait(stream, SHARDS);
        long records = (long) THREADS * batchesPerThread * BATCH;
        double per100k = 100_000.0 / records;
        CpuMeter put = new CpuMeter(server, per100k);
        double putSeconds = put(stream, batchesPerThread);
        put.stop();
        CpuMeter get = new CpuMeter(server, per100k);
        double getSeconds = drain(stream, records);
        get.stop();
        double[] latencies = latency(stream + "-latency", latencySamples);
        deleteStreams(stream);
        return new Result(records, records / putSeconds, records / getSeconds,
                Percentiles.of(latencies.clone(), 50), Percentiles.of(latencies.clone(), 99),
                put.serverSeconds, put.clientSeconds, get.serverSeconds, get.clientSeconds,
                put.serverThreads, get.serverThreads);
    }

    /**
     * CPU used by the endpoint's process (in all and per thread group) and by this process between construction
     * and {@link #stop()}, multiplied by {@code scale}.
     */
    private static final class CpuMeter {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        private final Endpoint server;
        private final double scale;
        private final long serverStart;
        private final ThreadCpu serverThreadsStart;
        private final long clientStart;
        double serverSeconds;
        double clientSeconds;
        String serverThreads;

        CpuMeter(Endpoint server, double scale) {
            this.server = server;
            this.scale = scale;
            this.serverStart = server.cpu().toNanos();
            this.serverThreadsStart = server.threadCpu();
            this.clientStart = OS.getProcessCpuTime();
        }

        void stop() {
            serverSeconds = (server.cpu().toNanos() - serverStart) / 1e9 * scale;
            serverThreads = server.threadCpu().since(serverThreadsStart, scale);
            clientSeconds = (OS.getProcessCpuTime() - clientStart) / 1e9 * scale;
        }
    }

    public void createAndWait(String stream, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(50);
        }
    }

    /** PutRecords of the load's records from its threads; returns the seconds it took. */
    public double put(String stream, int batchesPerThread) throws Exception {
        byte[] payload = new byte[RECORD_BYTES];
        new Random(1).nextBytes(payload);
        SdkBytes data = SdkBytes.fromByteArray(payload);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int b = 0; b < batchesPerThread; b++) {
                        List<PutRecordsRequestEntry> entries = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH; i++) {
                            entries.add(PutRecordsRequestEntry.builder()
                                    .partitionKey("key-" + thread + "-" + b + "-" + i).data(data).build());
                        }
                        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
                        failed.addAndGet(response.failedRecordCount());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records failed; the benchmark needs limits off");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** GetRecords of every shard from its start, one thread per shard, until {@code expected} were read; seconds. */
    public double drain(String stream, long expected) throws Exception {
        List<Shard> shards = kinesis.listShards(r -> r.streamName(stream)).shards();
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        AtomicLong read = new AtomicLong();
        long start = System.nanoTime();
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (Shard shard : shards) {
                readers.add(pool.submit(() -> {
                    String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                    while (iterator != null) {
                        String current = iterator;
                        GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10000));
                        read.addAndGet(page.records().size());
                        iterator = page.records().isEmpty() && page.millisBehindLatest() == 0 ? null : page.nextShardIterator();
                    }
                    return null;
                }));
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (read.get() != expected) {
            throw new IllegalStateException("drained " + read.get() + " records, expected " + expected);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Milliseconds from sending a 1-record PutRecord to a GetRecords that returns it, one record at a time. */
    private double[] latency(String stream, int samples) throws InterruptedException {
        createAndWait(stream, 1);
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        SdkBytes data = SdkBytes.fromByteArray(new byte[100]);
        double[] millis = new double[samples];
        for (int i = -20; i < samples; i++) { // the first 20 warm up and are not counted
            long start = System.nanoTime();
            kinesis.putRecord(r -> r.streamName(stream).partitionKey("latency").data(data));
            GetRecordsResponse page;
            do {
                String current = iterator;
                page = kinesis.getRecords(r -> r.shardIterator(current));
                iterator = page.nextShardIterator();
            } while (page.records().isEmpty());
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
