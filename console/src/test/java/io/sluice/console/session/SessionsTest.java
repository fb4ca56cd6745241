package io.sluice.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.TestClock;
import io.sluice.server.auth.Principal;
import org.junit.jupiter.api.Test;

/** Sessions by cookie, their CSRF tokens, their end after idle time or a lifetime, and their bound. */
class SessionsTest {

    private final TestClock clock = TestClock.stoppedAt(1_767_225_600_000L);
    private final Sessions sessions = new Sessions(clock);
    private final Principal alice = new Principal("AKIAALICE", "alice");

    @Test
    void findsASessionByItsCookieAmongOthers() {
        Session session = sessions.start(alice);

        assertThat(Sessions.cookie(session)).isEqualTo("sluice_console=" + session.id()
                + "; Path=/console; HttpOnly; SameSite=Strict");
        assertThat(sessions.find("theme=dark; sluice_console=" + session.id() + "; x=1")).get()
                .extracting(Session::user).isEqualTo(alice);
        assertThat(sessions.find("sluice_console=forged")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(session.id()).hasSize(43).isNotEqualTo(session.csrfToken()); // 256 random bits each
    }

    @Test
    void checksTheCsrfTokenExactly() {
        Session session = sessions.start(alice);

        assertThat(Sessions.csrfMatches(session, session.csrfToken())).isTrue();
        assertThat(Sessions.csrfMatches(session, session.csrfToken() + "x")).isFalse();
        assertThat(Sessions.csrfMatches(session, "")).isFalse();
        assertThat(Sessions.csrfMatches(session, null)).isFalse();
    }

    @Test
    void endsAfterHalfAnHourUnusedButNotWhileInUse() {
        Session session = sessions.start(alice);
        String cookie = "sluice_console=" + session.id();
        for (int i = 0; i < 10; i++) {
            clock.advanceMillis(Sessions.IDLE_MS - 1000);
            assertThat(sessions.find(cookie)).as("used every 29 minutes").isPresent();
        }
        clock.advanceMillis(Sessions.IDLE_MS + 1);
        assertThat(sessions.find(cookie)).isEmpty();
    }

    @Test
    void endsAfterTwelveHoursHoweverUsed() {
        String cookie = "sluice_console=" + sessions.start(alice).id();
        for (long used = 0; used < Sessions.LIFETIME_MS; used += 20 * 60_000L) {
            assertThat(sessions.find(cookie)).isPresent();
            clock.advanceMillis(20 * 60_000L);
        }
        assertThat(sessions.find(cookie)).isEmpty();
    }

    @Test
    void endsOnLogout() {
        Session session = sessions.start(alice);
        sessions.end(session);

        assertThat(sessions.find("sluice_console=" + session.id())).isEmpty();
    }

    @Test
    void holdsAtMostItsBoundDroppingTheLeastRecentlyUsed() {
        Session first = sessions.start(alice);
        clock.advanceMillis(1);
        Session second = sessions.start(alice);
        clock.advanceMillis(1);
        sessions.find("sluice_console=" + first.id()); // used: now the second is the least recent
        for (int i = 2; i < Sessions.MAX_SESSIONS + 1; i++) {
            clock.advanceMillis(1);
            sessions.start(alice);
        }

        assertThat(sessions.find("sluice_console=" + first.id())).isPresent();
        assertThat(sessions.find("sluice_console=" + second.id())).isEmpty();
    }
}
