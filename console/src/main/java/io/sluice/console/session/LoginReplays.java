package io.sluice.console.session;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a console login's signature good once. The Kinesis port accepts a signed request again while its date is
 * within 15 minutes (SDK retries repeat one); a login has no retries, and one seen on the way must not give a second
 * session. Remembers the signatures of the last {@value #WINDOW_MS} ms (the signature check refuses older dates),
 * at most {@value #MAX_REMEMBERED}: past that, logins are refused until the oldest age out, rather than forgetting
 * one still replayable. Thread-safe.
 */
public final class LoginReplays {

    static final long WINDOW_MS = 16 * 60_000L;
    static final int MAX_REMEMBERED = 100_000;

    private final Map<String, Long> seen = new LinkedHashMap<>();
    private final Clock clock;

    public LoginReplays(Clock clock) {
        this.clock = clock;
    }

    public enum Verdict { FIRST_USE, REPLAYED, TOO_MANY }

    /** Records {@code signature} as used. */
    public synchronized Verdict use(String signature) {
        long now = clock.millis();
        for (Iterator<Long> at = seen.values().iterator(); at.hasNext(); ) {
            if (now - at.next() <= WINDOW_MS) {
                break; // insertion order is time order
            }
            at.remove();
        }
        if (seen.containsKey(signature)) {
            return Verdict.REPLAYED;
        }
        if (seen.size() >= MAX_REMEMBERED) {
            return Verdict.TOO_MANY;
        }
        seen.put(signature, now);
        return Verdict.FIRST_USE;
    }
}
