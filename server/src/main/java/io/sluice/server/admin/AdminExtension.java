package io.sluice.server.admin;

import io.sluice.core.StreamEngine;

/**
 * More for the admin listener to serve, found on the class path with {@link java.util.ServiceLoader} when the server
 * starts with {@code --admin-port}: the web console ({@code sluice-console}) is one. The server module does not
 * depend on what it loads this way.
 */
public interface AdminExtension {

    /**
     * Adds the extension's routes. {@code api} answers, for a user, what the Kinesis port would: who signed a request,
     * whether the user may run an action, and the action itself. Returns what to close when the server stops.
     */
    AutoCloseable install(AdminRoutes routes, StreamEngine engine, ApiAccess api);
}
