package io.sluice.console.session;

import io.sluice.server.auth.Principal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory (a restart logs everyone out): random 256-bit ids handed out as an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie, each with its own CSRF token. A session ends after
 * {@value #IDLE_MS} ms unused or {@value #LIFETIME_MS} ms in all; at most {@value #MAX_SESSIONS} live at once (the
 * least recently used goes first), so logging in over and over cannot fill the heap. Thread-safe.
 */
public final class Sessions {

    public static final String COOKIE = "sluice_console";
    static final long IDLE_MS = 30 * 60_000L;
    static final long LIFETIME_MS = 12 * 3_600_000L;
    static final int MAX_SESSIONS = 1000;

    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code user}. */
    public Session start(Principal user) {
        long now = clock.millis();
        if (live.size() >= MAX_SESSIONS) {
            live.values().removeIf(session -> expired(session, now));
            while (live.size() >= MAX_SESSIONS) {
                live.values().stream().min(Comparator.comparingLong(Session::lastUsedMs))
                        .ifPresent(oldest -> live.remove(oldest.id()));
            }
        }
        Session session = new Session(token(), user, token(), now, now);
        live.put(session.id(), session);
        return session;
    }

    /** The live session the request's {@code Cookie} header names, marked used. */
    public Optional<Session> find(String cookieHeader) {
        String id = cookieValue(cookieHeader);
        Session session = id == null ? null : live.get(id);
        if (session == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (expired(session, now)) {
            live.remove(id);
            return Optional.empty();
        }
        Session used = session.usedAt(now);
        live.put(id, used);
        return Optional.of(used);
    }

    public void end(Session session) {
        live.remove(session.id());
    }

    /** Whether {@code sent} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(Session session, String sent) {
        return sent != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Set-Cookie} value that hands {@code session} to the browser. */
    public static String cookie(Session session) {
        return COOKIE + "=" + session.id() + "; Path=/console; HttpOnly; SameSite=Strict";
    }

    /** The {@code Set-Cookie} value that takes the session cookie back. */
    public static String clearedCookie() {
        return COOKIE + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    private static boolean expired(Session session, long now) {
        return now - session.lastUsedMs() > IDLE_MS || now - session.startedMs() >= LIFETIME_MS;
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Our cookie's value in a {@code Cookie} header ({@code a=1; sluice_console=...}), or {@code null}. */
    static String cookieValue(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
