package io.sluice.compat.kpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.server.testing.SluiceServerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.kinesis.producer.Attempt;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordFailedException;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * Sluice's errors reach a KPL application as Kinesis's would: in the failed {@link UserRecordResult} of the
 * record's future, each attempt with the error code and message the server sent.
 */
class KplErrorsIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().tls().build();

    /** Throttles every PutRecords entry, so a throttled record is certain rather than a matter of timing. */
    @RegisterExtension
    static final SluiceServerExtension THROTTLING = SluiceServerExtension.builder().limitsOff().tls()
            .configure(config -> config.withFaults("PutRecords:throttle-entry=1", 16L)).build();

    @Test
    void aPutToAMissingStreamFailsWithSluicesResourceNotFoundUntilTheRecordExpires() throws Exception {
        // The KPL retries every error but throttling until the record's time to live runs out (default 30 s).
        UserRecordResult result = failedPut(KplSettings.forSluice(SLUICE.endpoint(), false).setRecordTtl(3_000),
                "kpl-missing");

        List<Attempt> attempts = result.getAttempts();
        assertThat(attempts).as("attempts until the record expired").hasSizeGreaterThan(1);
        assertThat(attempts.subList(0, attempts.size() - 1)).as("every attempt the server answered")
                .allSatisfy(attempt -> {
                    assertThat(attempt.getErrorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(attempt.getErrorMessage())
                            .isEqualTo("Stream kpl-missing under account 000000000000 not found.");
                });
        Attempt last = attempts.get(attempts.size() - 1);
        assertThat(last.getErrorCode()).as("the KPL's own last word").isEqualTo("Expired");
        assertThat(last.getErrorMessage()).isEqualTo("Record 1 has reached expiration");
    }

    @Test
    void aThrottledRecordFailsWithSluicesMessageWhenTheKplMayNotRetryIt() throws Exception {
        try (SluiceStreams streams = new SluiceStreams(THROTTLING)) {
            streams.create("kpl-throttled", 1);
        }

        UserRecordResult result = failedPut(KplSettings.forSluice(THROTTLING.endpoint(), false)
                .setFailIfThrottled(true), "kpl-throttled");

        assertThat(result.getAttempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.getErrorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(attempt.getErrorMessage())
                    .isEqualTo("Rate exceeded (a fault injected by sluice-server --faults)");
        });
    }

    /** Puts one record with a producer of {@code settings} and returns the result its future failed with. */
    private static UserRecordResult failedPut(KinesisProducerConfiguration settings, String stream) throws Exception {
        KinesisProducer producer = new KinesisProducer(settings);
        try {
            ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> producer
                    .addUserRecord(stream, "key", ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)))
                    .get(1, TimeUnit.MINUTES));
            assertThat(failure).as("the record's future failed").isNotNull();
            assertThat(failure.getCause()).isInstanceOf(UserRecordFailedException.class);
            UserRecordResult result = ((UserRecordFailedException) failure.getCause()).getResult();
            assertThat(result.isSuccessful()).isFalse();
            return result;
        } finally {
            producer.destroy();
        }
    }
}
