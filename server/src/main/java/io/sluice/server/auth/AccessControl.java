package io.sluice.server.auth;

import io.sluice.server.protocol.Action;
import io.sluice.server.validation.Fields;

/** Decides whether an authenticated principal may run an action on the resource a request names. */
public interface AccessControl {

    /** Mode {@code open}: everyone may do everything. */
    AccessControl ALLOW_ALL = (principal, action, request) -> { };

    /** Returns when allowed; throws an {@code AccessDeniedException} otherwise. */
    void check(Principal principal, Action action, Fields request);
}
