package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWhileNothingIsDeliveredUpToTheMaximumAndJittersWithinTheUpperHalf() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), bound -> 0);
        assertThat(new long[] {low.nextDelayMs(false), low.nextDelayMs(false), low.nextDelayMs(false),
                low.nextDelayMs(false)}).containsExactly(100, 200, 250, 250);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), bound -> bound - 1);
        assertThat(new long[] {high.nextDelayMs(false), high.nextDelayMs(false), high.nextDelayMs(false)})
                .containsExactly(200, 400, 500);
    }

    @Test
    void progressOrAResetStartsFromTheBaseAgain() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), bound -> bound - 1);
        b.nextDelayMs(false);
        b.nextDelayMs(false);
        assertThat(b.nextDelayMs(true)).isEqualTo(100);
        b.nextDelayMs(false);
        b.reset();
        assertThat(b.nextDelayMs(false)).isEqualTo(200);
    }
}
