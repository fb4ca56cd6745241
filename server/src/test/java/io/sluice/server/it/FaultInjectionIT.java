package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.server.DeclaredStreams;
import io.sluice.server.testing.SluiceServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * #14's fault injection as a client's retry path meets it, through the AWS SDK v2 with its default retry policy
 * (three retries): a planned InternalFailure is retried and then surfaces with the SDK's attempt count, a
 * control-plane LimitExceeded is not retried by the SDK (as with Amazon Kinesis: the application must back off);
 * throttled PutRecords entries fail alone and are not written; latency is added. The server also starts with
 * declared streams.
 */
class FaultInjectionIT {

    private static final String FAULTS = "ListStreams:internal=1;DescribeLimits:throttle=1;PutRecord:throttle=1;"
            + "PutRecords:throttle-entry=0.5;DescribeStreamSummary:latency-ms=300";

    private static SluiceServerExtension server;
    private static KinesisClient kinesis;

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder().configure(config -> config.withLimits(false)
                .withStreams(DeclaredStreams.parse("Faulty:1,Other:on-demand"))
                .withFaults(FAULTS, 20261204L)).start();
        kinesis = KinesisClients.SYNC_JSON.create(server.server().endpoint());
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        server.close();
    }

    @Test
    void anInternalFailureIsRetriedThenSurfacesWithTheAttemptCount() {
        KinesisException failure = catchThrowableOfType(KinesisException.class, () -> kinesis.listStreams());
        assertThat(failure.statusCode()).isEqualTo(500);
        assertThat(failure.awsErrorDetails().errorCode()).isEqualTo("InternalFailureException");
        assertThat(failure.awsErrorDetails().errorMessage()).endsWith("(a fault injected by sluice-server --faults)");
        assertThat(failure.numAttempts()).as("the first call and the SDK's three retries").isEqualTo(4);
    }

    @Test
    void aThrottledControlPlaneCallIsALimitExceededTheSdkLeavesToTheApplication() {
        LimitExceededException throttled = catchThrowableOfType(LimitExceededException.class,
                () -> kinesis.describeLimits());
        assertThat(throttled.awsErrorDetails().errorMessage())
                .isEqualTo("Rate exceeded (a fault injected by sluice-server --faults)");
        assertThat(throttled.numAttempts()).as("the SDK does not retry LimitExceededException").isEqualTo(1);
    }

    @Test
    void aThrottledDataPlaneCallIsAProvisionedThroughputExceededTheSdkRetries() {
        ProvisionedThroughputExceededException throttled = catchThrowableOfType(
                ProvisionedThroughputExceededException.class, () -> kinesis.putRecord(r -> r.streamName("Faulty")
                        .partitionKey("k").data(SdkBytes.fromUtf8String("never written"))));
        assertThat(throttled.numAttempts()).as("throttling is retried").isEqualTo(4);
    }

    @Test
    void throttledEntriesFailAloneAndOnlyTheOthersAreWritten() {
        List<PutRecordsRequestEntry> entries = IntStream.range(0, 200).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("k" + i).data(SdkBytes.fromUtf8String("record-" + i)).build()).toList();
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName("Faulty").records(entries));

        List<String> written = IntStream.range(0, 200).filter(i -> response.records().get(i).errorCode() == null)
                .mapToObj(i -> "record-" + i).toList();
        assertThat(response.failedRecordCount()).isEqualTo(200 - written.size()).isBetween(60, 140);
        assertThat(response.records()).filteredOn(e -> e.errorCode() != null).allSatisfy(e -> {
            assertThat(e.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(e.errorMessage()).isEqualTo("Rate exceeded (a fault injected by sluice-server --faults)");
        });

        String iterator = kinesis.getShardIterator(r -> r.streamName("Faulty").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> read = kinesis.getRecords(r -> r.shardIterator(iterator)).records().stream()
                .map(record -> record.data().asUtf8String()).toList();
        assertThat(read).as("exactly the entries answered as written, in order").isEqualTo(written);
    }

    @Test
    void latencyIsAddedToTheNamedAction() {
        long start = System.nanoTime();
        kinesis.describeStreamSummary(r -> r.streamName("Other"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void declaredStreamsExistAtStart() {
        assertThat(kinesis.describeStreamSummary(r -> r.streamName("Faulty")).streamDescriptionSummary()
                .openShardCount()).isEqualTo(1);
        assertThat(kinesis.describeStreamSummary(r -> r.streamName("Other")).streamDescriptionSummary()
                .streamModeDetails().streamModeAsString()).isEqualTo("ON_DEMAND");
    }
}
