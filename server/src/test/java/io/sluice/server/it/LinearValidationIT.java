package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.it.RawKinesis.Answer;
import io.sluice.server.testing.SluiceServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hardening #13.3: validation costs linear time. Sixteen DescribeStreamSummary requests whose StreamARN repeats
 * {@code :kinesis:} a hundred thousand times used to keep every worker backtracking through the model's ARN pattern
 * for more than a minute, so nobody else was answered; now each is refused on its length at once, and a patterned
 * value within its length is matched by a linear-time automaton.
 */
class LinearValidationIT {

    private static final String HOSTILE_ARN = "arn:aws" + ":kinesis:".repeat(100_000) + "x";

    private static SluiceServerExtension server;
    private static RawKinesis raw;

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder().start();
        raw = new RawKinesis(server.server().endpoint());
        assertThat(raw.call("CreateStream", "{\"StreamName\":\"Test\",\"ShardCount\":1}").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // before the fix: far beyond a minute
    void sixteenMegabyteArnsAreRefusedOnTheirLengthWhileOthersAreServed() {
        List<CompletableFuture<Answer>> hostile = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            hostile.add(CompletableFuture.supplyAsync(
                    () -> raw.call("DescribeStreamSummary", "{\"StreamARN\":\"" + HOSTILE_ARN + "\"}")));
        }
        Answer honest = raw.call("DescribeStreamSummary", "{\"StreamName\":\"Test\"}");
        assertThat(honest.status()).isEqualTo(200);

        for (CompletableFuture<Answer> call : hostile) {
            Answer answer = call.join();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.type()).isEqualTo("ValidationException");
            assertThat(answer.message())
                    .startsWith("1 validation error detected: Value '" + HOSTILE_ARN.substring(0, 40))
                    .endsWith("' at 'streamARN' failed to satisfy constraint: Member must have length less than or "
                            + "equal to 2048");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPatternWithinItsLengthIsMatchedWithoutBacktracking() {
        String arn = "arn:aws" + ":kinesis:".repeat(226) + "x"; // 2042 characters: within the length, not an ARN
        for (int i = 0; i < 200; i++) {
            Answer answer = raw.call("DescribeStreamSummary", "{\"StreamARN\":\"" + arn + "\"}");
            assertThat(answer.message()).isEqualTo("1 validation error detected: Value '" + arn + "' at 'streamARN' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
        }
    }
}
