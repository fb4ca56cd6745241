package io.sluice.server.auth;

/** Decides whether an authenticated principal may run an action on a resource. */
public interface AccessControl {

    /** Mode {@code open}: everyone may do everything. */
    AccessControl ALLOW_ALL = (principal, action, resource) -> { };

    /**
     * Returns when allowed; throws an {@code AccessDeniedException} otherwise.
     *
     * @param action the action's name, e.g. {@code PutRecords}
     * @param resource the ARN the request names (the stream's, the consumer's), or {@code *} for account-wide actions
     */
    void check(Principal principal, String action, String resource);
}
