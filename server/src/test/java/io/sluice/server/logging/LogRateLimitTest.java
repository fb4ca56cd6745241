package io.sluice.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void admitsUpToTheLimitEachSecondAndReportsWhatItRefused() {
        List<Long> reports = new ArrayList<>();
        LogRateLimit limit = new LogRateLimit(3, reports::add);
        long start = System.nanoTime();
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += limit.admit(start + i) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(3);
        assertThat(reports).as("nothing to report until a line is admitted again").isEmpty();

        assertThat(limit.admit(start + SECOND)).isTrue();
        assertThat(reports).containsExactly(7L);
        assertThat(limit.admit(start + SECOND + 1)).isTrue();
        assertThat(reports).as("reported once").containsExactly(7L);
    }
}
