package io.sluice.compat.kcl;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * One KCL worker (a {@link Scheduler} on a thread of its own), configured as an application would be but for the
 * endpoints — Kinesis at Sluice, DynamoDB at an emulator, CloudWatch at a closed loopback port it never calls
 * (metrics are off) — and for timings shortened so that leases move and child shards start within seconds.
 */
final class KclWorker implements AutoCloseable {

    enum Retrieval { POLLING, FAN_OUT }

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDKCLTEST", "kcl-test-secret"));
    static final Region REGION = Region.US_EAST_1;

    private static final Logger log = LoggerFactory.getLogger(KclWorker.class);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String id;
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamo;
    private final CloudWatchAsyncClient cloudWatch;
    private final Scheduler scheduler;
    private final Thread thread;

    KclWorker(String id, String application, String stream, Retrieval retrieval, URI sluice, URI dynamoEndpoint,
              Journal journal) {
        this.id = id;
        kinesis = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(sluice).region(REGION).credentialsProvider(CREDENTIALS));
        dynamo = DynamoDbAsyncClient.builder().endpointOverride(dynamoEndpoint).region(REGION)
                .credentialsProvider(CREDENTIALS).build();
        cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:9")).region(REGION)
                .credentialsProvider(CREDENTIALS).build();
        ConfigsBuilder configs = new ConfigsBuilder(new SingleStreamTracker(stream,
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                application, kinesis, dynamo, cloudWatch, id, () -> new JournalingProcessor(id, journal));
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(3_000)
                .shardSyncIntervalMillis(1_000)
                .listShardsBackoffTimeInMillis(200);
        KclLine.adjust(leases);
        RetrievalConfig fetching = configs.retrievalConfig();
        if (retrieval == Retrieval.POLLING) {
            fetching.retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200));
        } // else KCL's default: enhanced fan-out, a consumer named after the application
        scheduler = new Scheduler(configs.checkpointConfig(),
                configs.coordinatorConfig().parentShardPollIntervalMillis(200)
                        .schedulerInitializationBackoffTimeMillis(200),
                leases,
                configs.lifecycleConfig(),
                configs.metricsConfig().metricsLevel(MetricsLevel.NONE).metricsFactory(new NullMetricsFactory()),
                configs.processorConfig(),
                fetching);
        thread = new Thread(scheduler, "kcl-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    String id() {
        return id;
    }

    private void join() {
        try {
            thread.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Shuts down as an application does on stop: processors checkpoint, leases are let go. KCL's graceful shutdown
     * can wait on a shard consumer for long (a known KCL behaviour); past {@link #GRACE} the worker is stopped
     * outright, which loses nothing here either: the processor checkpoints after every batch.
     */
    @Override
    public void close() {
        try {
            scheduler.startGracefulShutdown().get(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("KCL worker {} did not shut down within {}; stopping it outright", id, GRACE);
        } finally {
            scheduler.shutdown();
            join();
            kinesis.close();
            dynamo.close();
            cloudWatch.close();
        }
    }
}
