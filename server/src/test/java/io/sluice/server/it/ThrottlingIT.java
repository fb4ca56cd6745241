package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Kinesis's per-shard limits, on by default, as a client sees them: a burst beyond 1000 records/s fails entry by
 * entry inside PutRecords, and a burst beyond 5 GetRecords/s is refused with ProvisionedThroughputExceeded. The
 * bursts are sent concurrently (async client, retries off) so they arrive within one refill interval.
 */
class ThrottlingIT {

    private static ServerRule server;
    private static KinesisAsyncClient kinesis;

    @BeforeAll
    static void start() {
        server = new ServerRule(config -> config);
        kinesis = KinesisAsyncClient.builder()
                .endpointOverride(server.server().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KinesisClients.CREDENTIALS))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        server.close();
    }

    @Test
    void recordsBeyondAShardsWriteLimitFailAloneInsidePutRecords() {
        kinesis.createStream(r -> r.streamName("hot").shardCount(1)).join();
        List<PutRecordsRequestEntry> batch = IntStream.range(0, 500)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String("x")).build())
                .toList();

        List<CompletableFuture<PutRecordsResponse>> burst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            burst.add(kinesis.putRecords(r -> r.streamName("hot").records(batch)));
        }
        List<PutRecordsResultEntry> entries = burst.stream().flatMap(f -> f.join().records().stream()).toList();

        List<PutRecordsResultEntry> failed = entries.stream().filter(e -> e.errorCode() != null).toList();
        assertThat(entries).hasSize(2000);
        assertThat(failed).as("2000 records at once exceed 1000 records/s").isNotEmpty();
        assertThat(entries.size() - failed.size()).as("the others are written").isGreaterThanOrEqualTo(1000);
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(e.errorMessage()).isEqualTo(
                    "Rate exceeded for shard shardId-000000000000 in stream hot under account 000000000000.");
            assertThat(e.sequenceNumber()).isNull();
        });
    }

    @Test
    void readsBeyondFivePerSecondAreRefused() {
        kinesis.createStream(r -> r.streamName("busy").shardCount(1)).join();
        String iterator = kinesis.getShardIterator(r -> r.streamName("busy").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();

        List<CompletableFuture<GetRecordsResponse>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(kinesis.getRecords(r -> r.shardIterator(iterator)));
        }
        List<Throwable> refused = new ArrayList<>();
        for (CompletableFuture<GetRecordsResponse> call : burst) {
            try {
                call.join();
            } catch (CompletionException e) {
                refused.add(e.getCause());
            }
        }

        assertThat(refused).as("20 reads at once exceed 5 reads/s").isNotEmpty().hasSizeLessThan(20);
        assertThat(refused).allSatisfy(e -> assertThat(e)
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith("Rate exceeded for shard shardId-000000000000 in stream busy under account 000000000000."));
    }
}
