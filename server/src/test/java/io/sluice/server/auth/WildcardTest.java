package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {

    private static final String MEGABYTE_OF_A = "a".repeat(1 << 20);

    @ParameterizedTest
    @CsvSource({
            "arn:aws:kinesis:*:123456789012:stream/T?st, arn:aws:kinesis:us-east-1:123456789012:stream/Test, true",
            "arn:aws:kinesis:*:123456789012:stream/T?st, arn:aws:kinesis:us-east-1:123456789012:stream/Tst, false",
            "arn:aws:kinesis:*:123456789012:stream/T?st, arn:aws:kinesis:us-east-1:123456789012:stream/test, false",
            "*, '', true",
            "'', '', true",
            "'', x, false",
            "a*a, a, false",
            "a*a, aa, true",
            "*abc*abd, abcabdxabcabd, true",
            "*abc*abd, abcabdxabcab, false",
            "?*, '', false",
            "**a**, bab, true"})
    void matchesIamGlobs(String glob, String text, boolean matches) {
        assertThat(Wildcard.resource(glob).matches(text)).isEqualTo(matches);
    }

    @Test
    void matchesActionsIgnoringCase() {
        assertThat(Wildcard.action("Kinesis:Get*").matches("kinesis:GetRecords")).isTrue();
        assertThat(Wildcard.resource("Kinesis:Get*").matches("kinesis:GetRecords")).isFalse();
    }

    @Test
    void agreesWithARegularExpressionOnRandomGlobs() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String glob = randomText(random, "ab*?", 8);
            String text = randomText(random, "ab", 12);
            boolean expected = Pattern.matches(glob.replace("?", ".").replace("*", ".*"), text);
            assertThat(Wildcard.resource(glob).matches(text)).as("'%s' against '%s'", glob, text).isEqualTo(expected);
        }
    }

    @Test
    void segmentsLongerThanOneWordMatch() {
        String segment = "ab?".repeat(50); // 150 characters: three 64-bit words
        String text = "x".repeat(1000) + "abz".repeat(50) + "y";

        assertThat(Wildcard.resource("*" + segment + "*").matches(text)).isTrue();
        assertThat(Wildcard.resource("*" + segment + "y*").matches(text)).isTrue();
        assertThat(Wildcard.resource("*" + segment + "x*").matches(text)).isFalse();
    }

    @Test
    void answersHostileGlobsOnAMegabyteInLinearTime() {
        // A backtracking regex takes exponential time on each of these; they must be answered at once.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(Wildcard.resource("*a".repeat(5000) + "*b").matches(MEGABYTE_OF_A)).isFalse();
            assertThat(Wildcard.resource("*a".repeat(5000) + "*").matches(MEGABYTE_OF_A)).isTrue();
            assertThat(Wildcard.resource("*" + "?".repeat(1000) + "b*").matches(MEGABYTE_OF_A)).isFalse();
            assertThat(Wildcard.resource("*a?a?a?b*".repeat(200)).matches(MEGABYTE_OF_A)).isFalse();
            assertThat(Wildcard.action("*A*".repeat(3000) + "?").matches(MEGABYTE_OF_A)).isTrue();
        });
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
