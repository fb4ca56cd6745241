package io.sluice.connect.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerFailureInARowUpToTheMaximumAndJittersWithinTheUpperHalf() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), bound -> 0);
        assertThat(new long[] {low.nextMillis(), low.nextMillis(), low.nextMillis(), low.nextMillis(),
                low.nextMillis()}).containsExactly(50, 100, 200, 250, 250);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), bound -> bound - 1);
        assertThat(new long[] {high.nextMillis(), high.nextMillis(), high.nextMillis(), high.nextMillis()})
                .containsExactly(100, 200, 400, 500);
    }

    @Test
    void aSuccessStartsFromTheBaseAgain() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), bound -> bound - 1);
        b.nextMillis();
        b.nextMillis();
        b.reset();
        assertThat(b.nextMillis()).isEqualTo(100);
    }

    @Test
    void staysWithinItsBoundsAfterVeryManyFailures() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofDays(1));
        for (int i = 0; i < 10_000; i++) {
            assertThat(b.nextMillis()).isBetween(0L, Duration.ofDays(1).toMillis());
        }
        assertThat(b.nextMillis()).isGreaterThanOrEqualTo(Duration.ofDays(1).toMillis() / 2);
    }

    @Test
    void aMaximumBelowTheBaseIsTheBase() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(10), bound -> bound - 1);
        assertThat(new long[] {b.nextMillis(), b.nextMillis()}).containsExactly(100, 100);
    }
}
