package io.sluice.server.admin;

/** Answers the requests under a path the admin listener {@linkplain AdminRoutes#mount mounted} it at. */
@FunctionalInterface
public interface AdminHandler {

    /** Any method; the handler answers those it does not serve (405). Runs off the listener's event loop. */
    AdminResponse handle(AdminRequest request);
}
