package io.sluice.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void escapesWhatWouldSplitOrForgeALine() {
        assertThat(LogText.of("Put\r\n2026-12-04 INFO forged\tline\u001b[31m\u2028\\"))
                .isEqualTo("Put\\r\\n2026-12-04 INFO forged\\tline\\u001b[31m\\u2028\\\\");
    }

    @Test
    void keepsOrdinaryTextAsItIs() {
        assertThat(LogText.of("Stream Test under account 000000000000 not found. é")).isEqualTo(
                "Stream Test under account 000000000000 not found. é");
        assertThat(LogText.of(null)).isEqualTo("null");
    }

    @Test
    void cutsLongTextAndSaysHowMuchIsMissing() {
        assertThat(LogText.of("x".repeat(1_000_000))).isEqualTo("x".repeat(1024) + "... (998976 more characters)");
    }
}
