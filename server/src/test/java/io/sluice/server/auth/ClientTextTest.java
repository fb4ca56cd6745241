package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void masksEveryRunOfThirtyTwoOrMoreHexDigitsAndNothingShorter() {
        String signature = "0123456789abcdef".repeat(4);

        assertThat(ClientText.quoted("Signature=" + signature + ", x " + "ABCDEF0123456789".repeat(2) + " "
                + "abcdef0123456789abcdef012345678 20261125"))
                .isEqualTo("Signature=<redacted>, x <redacted> abcdef0123456789abcdef012345678 20261125");
    }

    @Test
    void cutsLongTextAfterTwoHundredFiftySixCharactersWithoutRevealingAHalfSignature() {
        assertThat(ClientText.quoted("x".repeat(10_000))).isEqualTo("x".repeat(256) + "...");
        assertThat(ClientText.quoted("x".repeat(250) + "ab".repeat(40_000))).isEqualTo("x".repeat(250) + "<redacted>");
        assertThat(ClientText.quoted("x".repeat(250) + "ab".repeat(40_000) + "y")).isEqualTo("x".repeat(250) + "<redacted>...");
    }
}
