package io.sluice.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the admin listener serves, by path: {@code /metrics}, {@code /health/live}, {@code /health/ready} (the web
 * console mounts here too). Only GET and HEAD; an unknown path is 404 with the paths there are, another method 405.
 * Paths are matched exactly (no query string, no patterns), so a request costs a map lookup. Thread-safe once built.
 */
public final class AdminRoutes {

    private final Map<String, Supplier<AdminResponse>> routes = new LinkedHashMap<>();

    public AdminRoutes route(String path, Supplier<AdminResponse> handler) {
        routes.put(path, handler);
        return this;
    }

    /** The answer to {@code method} on {@code uri} (its query string ignored). */
    public AdminResponse handle(String method, String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        Supplier<AdminResponse> handler = routes.get(path);
        if (handler == null) {
            return AdminResponse.text(404, "Not found. This admin listener serves " + String.join(", ", routes.keySet())
                    + "\n");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return AdminResponse.text(405, "Only GET and HEAD are served here\n");
        }
        return handler.get();
    }
}
