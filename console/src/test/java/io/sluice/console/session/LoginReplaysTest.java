package io.sluice.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.TestClock;
import org.junit.jupiter.api.Test;

/** A login signature is good once while it could be replayed; the memory of them is bounded. */
class LoginReplaysTest {

    private final TestClock clock = TestClock.stoppedAt(1_767_225_600_000L);
    private final LoginReplays replays = new LoginReplays(clock);

    @Test
    void refusesASignatureSeenWithinTheWindowAndForgetsItAfter() {
        assertThat(replays.use("sig-1")).isEqualTo(LoginReplays.Verdict.FIRST_USE);
        assertThat(replays.use("sig-1")).isEqualTo(LoginReplays.Verdict.REPLAYED);
        assertThat(replays.use("sig-2")).isEqualTo(LoginReplays.Verdict.FIRST_USE);

        clock.advanceMillis(LoginReplays.WINDOW_MS + 1); // the signature check refuses its date by now
        assertThat(replays.use("sig-1")).isEqualTo(LoginReplays.Verdict.FIRST_USE);
    }

    @Test
    void refusesLoginsBeyondItsMemoryRatherThanForgetOneStillReplayable() {
        for (int i = 0; i < LoginReplays.MAX_REMEMBERED; i++) {
            replays.use("sig-" + i);
        }

        assertThat(replays.use("one-more")).isEqualTo(LoginReplays.Verdict.TOO_MANY);
        assertThat(replays.use("sig-0")).isEqualTo(LoginReplays.Verdict.REPLAYED);
        clock.advanceMillis(LoginReplays.WINDOW_MS + 1);
        assertThat(replays.use("one-more")).isEqualTo(LoginReplays.Verdict.FIRST_USE);
    }
}
