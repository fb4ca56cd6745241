package io.sluice.compat.kpl;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * One KCL 2.x worker (a {@link Scheduler}) reading a stream of a TLS Sluice server from its start, with GetRecords,
 * its leases in the DynamoDB at {@code dynamoDb}, metrics off; the processors are {@link KclRecords}. Every call it
 * makes goes to loopback: CloudWatch is never called with the null metrics factory, and its endpoint is loopback
 * all the same.
 */
final class KclConsumer implements AutoCloseable {

    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamoDb;
    private final CloudWatchAsyncClient cloudWatch;
    private final Scheduler scheduler;
    private final Thread worker;

    KclConsumer(String stream, URI sluice, TrustManager[] trust, URI dynamoDbEndpoint, KclRecords records) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(KplSettings.CREDENTIALS);
        kinesis = KinesisClientUtil.adjustKinesisClientBuilder(KinesisAsyncClient.builder())
                .endpointOverride(sluice)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().tlsTrustManagersProvider(() -> trust))
                .build();
        dynamoDb = DynamoDbAsyncClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        SingleStreamTracker fromItsStart = new SingleStreamTracker(stream,
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        ConfigsBuilder configs = new ConfigsBuilder(fromItsStart, "kpl-compat-" + stream, kinesis, dynamoDb, cloudWatch,
                "worker-1", records);
        scheduler = new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                // After its first shard sync the worker idles for the shard sync interval (60 s by default) before
                // it starts processing; a graceful shutdown waits out the failover time (10 s by default), and 5 s
                // still leaves the lease renewer (every third of it) room on a busy machine.
                configs.leaseManagementConfig().shardSyncIntervalMillis(1_000).failoverTimeMillis(5_000),
                configs.lifecycleConfig(),
                configs.metricsConfig().metricsFactory(new NullMetricsFactory()),
                configs.processorConfig(),
                configs.retrievalConfig().retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200)));
        worker = new Thread(scheduler, "kcl-" + stream);
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops the worker gracefully (processors checkpoint), bounded, then closes its clients. */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            scheduler.startGracefulShutdown().get(30, TimeUnit.SECONDS);
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the KCL worker shut down", e);
        } finally {
            kinesis.close();
            dynamoDb.close();
            cloudWatch.close();
        }
    }
}
