package io.sluice.bench.support;

import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Drives a Kinesis endpoint with the client the connectors themselves build (connect-common's factory, so the
 * same SDK, HTTP client and protocol settings): creates streams and writes records in PutRecords batches.
 */
public final class KinesisLoad implements AutoCloseable {

    public static final int BATCH = 500;

    private final ManagedKinesisClient managed;

    public KinesisLoad(URI endpoint) {
        managed = KinesisClientFactory.create(KinesisConnectionConfig.parse(connectorProperties(endpoint)));
    }

    /** The connection settings a connector needs for {@code endpoint}, as connector properties. */
    public static Map<String, String> connectorProperties(URI endpoint) {
        return Map.of(
                KinesisConnectionConfig.BASE_URL_CONFIG, endpoint.toString(),
                KinesisConnectionConfig.REGION_CONFIG, "us-east-1",
                KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG, "AKIASLUICEBENCHMARK",
                KinesisConnectionConfig.SECRET_KEY_CONFIG, "bench");
    }

    public KinesisClient client() {
        return managed.client();
    }

    public void createStream(String stream, int shards) throws InterruptedException {
        client().createStream(r -> r.streamName(stream).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client().describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(stream + " did not become ACTIVE within 30 s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Writes every record in PutRecords calls of {@link #BATCH} from {@code threads} threads (thread t takes the
     * batches t, t + threads, ...), retrying entries the server throttled, and returns the elapsed seconds.
     */
    public double putAll(String stream, BenchRecords records, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                workers.add(pool.submit(() -> {
                    for (int from = first * BATCH; from < records.size(); from += threads * BATCH) {
                        putBatch(stream, records, from, Math.min(records.size(), from + BATCH));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    private void putBatch(String stream, BenchRecords records, int from, int to) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            pending.add(PutRecordsRequestEntry.builder().partitionKey(records.partitionKeys().get(i))
                    .data(SdkBytes.fromByteArray(records.data().get(i))).build());
        }
        while (!pending.isEmpty()) {
            List<PutRecordsRequestEntry> sent = pending;
            PutRecordsResponse response = client().putRecords(r -> r.streamName(stream).records(sent));
            pending = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    pending.add(sent.get(i));
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(50); // throttled: the next second's budget comes soon
            }
        }
    }

    @Override
    public void close() {
        managed.close();
    }
}
