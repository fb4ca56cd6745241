package io.sluice.console.session;

import io.sluice.server.auth.Principal;

/**
 * A logged-in console: the user it acts for, the token every change must carry ({@code X-CSRF-Token}), and when it
 * began and was last used (it ends after {@link Sessions}' idle and absolute limits).
 */
public record Session(String id, Principal user, String csrfToken, long startedMs, long lastUsedMs) {

    Session usedAt(long nowMs) {
        return new Session(id, user, csrfToken, startedMs, nowMs);
    }
}
