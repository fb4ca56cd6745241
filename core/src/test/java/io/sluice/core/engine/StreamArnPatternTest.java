package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StreamArnPatternTest {

    private static final Pattern REFERENCE = Pattern.compile(StreamArnPattern.PATTERN);

    /** Pieces that make the pattern's literals, its digits and the characters "." and \S refuse. */
    private static final String[] PIECES = {"arn:aws", ":kinesis:", ":stream/", "123456789012", "12345", ":", "/",
        "x", " ", "\n", "\r", "\t", "\u2028", "\u0085", "stream", "-", "0"};

    @Test
    void agreesWithJavaRegexOnRandomStrings() {
        Random random = new Random(20261204);
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            String value = random.nextBoolean() ? randomPieces(random, 12) : nearlyAnArn(random);
            boolean expected = REFERENCE.matcher(value).matches();
            assertThat(StreamArnPattern.matches(value)).as("'%s'", value).isEqualTo(expected);
            matched += expected ? 1 : 0;
        }
        assertThat(matched).as("the random strings must exercise matches too").isGreaterThan(1000);
    }

    private static String randomPieces(Random random, int most) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(most + 1);
        for (int p = 0; p < pieces; p++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** The pattern's parts in order with random pieces between them, so about half of them match. */
    private static String nearlyAnArn(Random random) {
        return (random.nextInt(8) == 0 ? "" : "arn:aws") + randomPieces(random, 2) + ":kinesis:"
                + randomPieces(random, 2) + ":123456789012:stream/" + randomPieces(random, 3);
    }

    @Test
    void agreesOnTheEdges() {
        for (String arn : new String[] {"arn:aws:kinesis:us-east-1:123456789012:stream/Test",
            "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/a", "arn:aws:kinesis::123456789012:stream/a",
            "arn:aws:kinesis:123456789012:stream/a", "arn:aws:kinesis:r:123456789012:stream/",
            "arn:aws:kinesis:r:123456789012:stream/a b", "arn:aws:kinesis:r:12345678901:stream/a",
            "arn:aws:kinesis:r\n:123456789012:stream/a", "arn:aws:kinesis:r:123456789012:stream/a\u2028",
            "arn:aws:kinesis:r:123456789012:stream/x:stream/y", "arn:aws:kinesis:r:123456789012:stream/a\n"}) {
            assertThat(StreamArnPattern.matches(arn)).as(arn).isEqualTo(REFERENCE.matcher(arn).matches());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS) // java.util.regex takes minutes on this input
    void refusesAMegabyteOfRepeatedServiceNamesInLinearTime() {
        String hostile = "arn:aws" + ":kinesis:".repeat(110_000) + "x";
        assertThat(StreamArnPattern.matches(hostile)).isFalse();
        assertThat(StreamArnPattern.matches(hostile + ":123456789012:stream/a")).isTrue();
    }
}
