package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.core.limits.ThroughputLimits;
import io.sluice.server.testing.SluiceServerExtension;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Kinesis's per-shard limits, on by default, as a client sees them: a burst beyond 1000 records/s fails entry by
 * entry inside PutRecords, and GetRecords beyond a burst of 10 then 5/s is refused with ProvisionedThroughputExceeded. The
 * bursts are sent concurrently (async client, retries off) so they arrive within one refill interval. Then the
 * same refusals through every client kind, one call after the other (retries off, so the SDK does not hide them):
 * PutRecord beyond 1 MiB/s, GetShardIterator beyond 5 calls/s, GetRecords beyond its burst, PutRecords entries beyond
 * 1000/s.
 */
class ThrottlingIT {

    private static SluiceServerExtension server;
    private static KinesisAsyncClient kinesis;
    private static final Map<KinesisClients, KinesisClient> CLIENTS = new EnumMap<>(KinesisClients.class);

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder().start();
        for (KinesisClients kind : KinesisClients.values()) {
            CLIENTS.put(kind, kind.createWithoutRetries(server.server().endpoint()));
        }
        kinesis = KinesisAsyncClient.builder()
                .endpointOverride(server.server().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KinesisClients.CREDENTIALS))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        CLIENTS.values().forEach(KinesisClient::close);
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

        assertThat(refused).as("20 reads at once exceed the burst of 10").isNotEmpty().hasSizeLessThan(20);
        assertThat(refused).allSatisfy(e -> assertThat(e)
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith("Rate exceeded for shard shardId-000000000000 in stream busy under account 000000000000."));
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aPutRecordBeyondAShardsMebibytePerSecondIsRefused(KinesisClients kind) {
        KinesisClient sync = CLIENTS.get(kind);
        String stream = kind.streamName("heavy");
        sync.createStream(r -> r.streamName(stream).shardCount(1));
        SdkBytes almostOneMebibyte = SdkBytes.fromByteArray(new byte[(int) ThroughputLimits.MIB - 1]);
        sync.putRecord(r -> r.streamName(stream).partitionKey("k").data(almostOneMebibyte));

        assertThatThrownBy(() -> sync.putRecord(r -> r.streamName(stream).partitionKey("k").data(almostOneMebibyte)))
                .as("the shard's 1 MiB of this second is used up")
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith(rateExceeded(stream));
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void getShardIteratorBeyondFivePerSecondIsRefused(KinesisClients kind) {
        KinesisClient sync = CLIENTS.get(kind);
        String stream = kind.streamName("iterated");
        sync.createStream(r -> r.streamName(stream).shardCount(1));

        assertThat(firstRefusal(() -> sync.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST))))
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith(rateExceeded(stream));
    }

    @ParameterizedTest
    @EnumSource(value = KinesisClients.class, names = {"SYNC_CBOR", "SYNC_JSON"})
    void getRecordsBeyondFivePerSecondIsRefusedForSyncClients(KinesisClients kind) {
        KinesisClient sync = CLIENTS.get(kind);
        String stream = kind.streamName("polled");
        sync.createStream(r -> r.streamName(stream).shardCount(1));
        String iterator = sync.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        assertThat(firstRefusal(() -> sync.getRecords(r -> r.shardIterator(iterator))))
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith(rateExceeded(stream));
    }

    @ParameterizedTest
    @EnumSource(value = KinesisClients.class, names = {"SYNC_CBOR", "SYNC_JSON"})
    void putRecordsEntriesBeyondAThousandPerSecondFailAloneForSyncClients(KinesisClients kind) {
        KinesisClient sync = CLIENTS.get(kind);
        String stream = kind.streamName("crowded");
        sync.createStream(r -> r.streamName(stream).shardCount(1));
        List<PutRecordsRequestEntry> batch = IntStream.range(0, 500)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String("x")).build())
                .toList();

        List<PutRecordsResultEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.addAll(sync.putRecords(r -> r.streamName(stream).records(batch)).records());
        }

        List<PutRecordsResultEntry> failed = entries.stream().filter(e -> e.errorCode() != null).toList();
        assertThat(failed).as("2000 records within a second or two exceed 1000 records/s").isNotEmpty();
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(e.errorMessage()).isEqualTo(rateExceeded(stream));
            assertThat(e.sequenceNumber()).isNull();
        });
    }

    private static String rateExceeded(String stream) {
        return "Rate exceeded for shard shardId-000000000000 in stream " + stream + " under account 000000000000.";
    }

    /** Calls {@code call} up to 20 times in a row and returns its first refusal (a shard admits 5 calls a second). */
    private static Throwable firstRefusal(ThrowingCallable call) {
        for (int i = 0; i < 40; i++) { // GetRecords admits a burst of 10 before its 5/s
            Throwable thrown = catchThrowable(call);
            if (thrown != null) {
                return thrown;
            }
        }
        throw new AssertionError("40 calls in a row were all admitted");
    }
}
