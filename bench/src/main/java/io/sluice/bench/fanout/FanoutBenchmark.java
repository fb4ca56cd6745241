package io.sluice.bench.fanout;

import io.sluice.bench.support.ConnectCluster;
import io.sluice.bench.support.ConnectorLatency;
import io.sluice.bench.support.Directories;
import io.sluice.bench.support.KinesisLoad;
import io.sluice.bench.support.Percentiles;
import io.sluice.bench.support.SluiceProcess;
import io.sluice.bench.support.ThreadCpu;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * {@code bench/run fanout}: how fast a written record reaches its reader, shared against enhanced fan-out in the
 * same run, on a server with Kinesis's limits on.
 *
 * <ul>
 *   <li>end to end, PutRecord → the record seen by a Kafka consumer, through the source connector in shared mode
 *       (GetRecords with its default polling) and in enhanced mode (SubscribeToShard);</li>
 *   <li>the server alone: PutRecord acknowledged → its event received by an AWS SDK async subscriber.</li>
 * </ul>
 * Each sample is one record, put after a random pause so puts fall anywhere in a polling cycle. Also printed: the
 * server's CPU per sample in each connector mode (polling costs CPU while idle; a subscription does not).
 *
 * <p>Arguments: {@code [samples=200]}.
 */
public final class FanoutBenchmark {

    private static final int WARM_UP = 20;

    private FanoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = Files.createTempDirectory("sluice-bench-fanout-");
        String summary;
        try (ConnectCluster kafka = new ConnectCluster("bench-fanout");
             SluiceProcess server = new SluiceProcess(work.resolve("limited"), true)) {
            Result shared = throughConnector(kafka, server, "shared", samples);
            Result enhanced = throughConnector(kafka, server, "enhanced", samples);
            double[][] push = push(server.uri(), samples);
            double[] ackToEvent = push[0];
            double[] putToEvent = push[1];
            System.out.printf(Locale.ROOT, "push: PutRecord acknowledged → event, p50 %.2f ms, p99 %.2f ms "
                            + "(negative: the event arrived before the acknowledgement); PutRecord sent → event, "
                            + "p50 %.2f ms, p99 %.2f ms%n", Percentiles.of(ackToEvent, 50), Percentiles.of(ackToEvent, 99),
                    Percentiles.of(putToEvent, 50), Percentiles.of(putToEvent, 99));
            summary = String.format(Locale.ROOT, "SUMMARY shared_p50_ms=%.1f shared_p99_ms=%.1f enhanced_p50_ms=%.1f "
                            + "enhanced_p99_ms=%.1f push_p50_ms=%.2f push_p99_ms=%.2f ratio_p50=%.2f "
                            + "shared_server_cpu_ms_per_record=%.2f enhanced_server_cpu_ms_per_record=%.2f",
                    shared.p50(), shared.p99(), enhanced.p50(), enhanced.p99(), Percentiles.of(ackToEvent, 50),
                    Percentiles.of(ackToEvent, 99), enhanced.p50() / shared.p50(), shared.serverCpuMsPerRecord(),
                    enhanced.serverCpuMsPerRecord());
        } finally {
            Directories.deleteTree(work);
        }
        System.out.println(summary); // last, after the services' shutdown logging
    }

    private record Result(double p50, double p99, double serverCpuMsPerRecord) {
    }

    /** PutRecord → Kafka consumer through the source connector in {@code mode}, and the server's CPU meanwhile. */
    private static Result throughConnector(ConnectCluster kafka, SluiceProcess server, String mode, int samples)
            throws Exception {
        AtomicReference<ThreadCpu> cpuBefore = new AtomicReference<>();
        double[] millis = ConnectorLatency.measure(kafka, server.uri(), "latency-" + mode, Map.of(
                        "kinesis.fanout.mode", mode,
                        // Connect's producer waits up to linger.ms for more records; one is sent at a time here.
                        "producer.override.linger.ms", "0"),
                samples, 250, () -> cpuBefore.set(ThreadCpu.of(server.pid())));
        double cpuSeconds = ThreadCpu.of(server.pid()).total() - cpuBefore.get().total();
        Result result = new Result(Percentiles.of(millis, 50), Percentiles.of(millis, 99), cpuSeconds * 1000 / samples);
        System.out.printf(Locale.ROOT, "%-8s fan-out through the source connector (limits on, %d samples): "
                        + "p50 %.1f ms, p99 %.1f ms; server CPU %.2f ms per record%n", mode, samples, result.p50(),
                result.p99(), result.serverCpuMsPerRecord());
        return result;
    }

    /** PutRecord acknowledged → event, and PutRecord sent → event, for a LATEST subscription of the SDK. */
    private static double[][] push(URI endpoint, int samples) throws Exception {
        String stream = "latency-push";
        try (KinesisLoad load = new KinesisLoad(endpoint);
             KinesisAsyncClient async = KinesisAsyncClient.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                     .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofSeconds(30)))
                     .build()) {
            load.createStream(stream, 1);
            String streamArn = load.client().describeStreamSummary(r -> r.streamName(stream))
                    .streamDescriptionSummary().streamARN();
            String consumerArn = load.client().registerStreamConsumer(r -> r.streamARN(streamArn)
                    .consumerName("bench")).consumer().consumerARN();
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            SplittableRandom random = new SplittableRandom(2);
            double[] ackToEvent = new double[samples];
            double[] putToEvent = new double[samples];
            CompletableFuture<Void> subscription = null;
            long subscribedAt = 0;
            for (int i = -WARM_UP; i < samples; i++) {
                if (subscription == null || subscription.isDone() || System.nanoTime() - subscribedAt > 240e9) {
                    subscription = subscribe(async, consumerArn, arrivals);
                    subscribedAt = System.nanoTime();
                    Thread.sleep(500); // the subscription is open before the next put
                }
                Thread.sleep(random.nextInt(50));
                String marker = "push-" + i;
                long sent = System.nanoTime();
                load.client().putRecord(r -> r.streamName(stream).partitionKey("latency")
                        .data(SdkBytes.fromUtf8String(marker)));
                long acknowledged = System.nanoTime();
                long deadline = acknowledged + Duration.ofSeconds(30).toNanos();
                Long arrived;
                while ((arrived = arrivals.get(marker)) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(marker + " was not pushed within 30 s");
                    }
                    Thread.onSpinWait();
                }
                if (i >= 0) {
                    ackToEvent[i] = (arrived - acknowledged) / 1e6;
                    putToEvent[i] = (arrived - sent) / 1e6;
                }
            }
            subscription.cancel(true);
            return new double[][] {ackToEvent, putToEvent};
        }
    }

    private static CompletableFuture<Void> subscribe(KinesisAsyncClient async, String consumerArn,
                                                     Map<String, Long> arrivals) {
        return async.subscribeToShard(r -> r.consumerARN(consumerArn).shardId("shardId-000000000000")
                        .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                SubscribeToShardResponseHandler.builder().subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                        .onSubscribeToShardEvent(event -> {
                            long now = System.nanoTime();
                            for (Record record : event.records()) {
                                arrivals.put(record.data().asUtf8String(), now);
                            }
                        }).build()).build());
    }
}
