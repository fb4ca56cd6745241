package io.sluice.server.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the admin listener serves, by path: pages at exact paths — {@code /metrics}, {@code /health/live},
 * {@code /health/ready} — for GET and HEAD (another method 405), and handlers mounted at a path with everything below
 * it, for any method (the web console at {@code /console}). An unknown path is 404 with the paths there are. Pages
 * are a map lookup; mounts are few and tried in order. Thread-safe once built.
 */
public final class AdminRoutes {

    private final Map<String, Supplier<AdminResponse>> pages = new LinkedHashMap<>();
    private final Map<String, AdminHandler> mounts = new LinkedHashMap<>();

    public AdminRoutes route(String path, Supplier<AdminResponse> page) {
        pages.put(path, page);
        return this;
    }

    /** Hands {@code prefix} (e.g. {@code /console}) and every path below it ({@code /console/...}) to {@code handler}. */
    public AdminRoutes mount(String prefix, AdminHandler handler) {
        mounts.put(prefix, handler);
        return this;
    }

    public AdminResponse handle(AdminRequest request) {
        String path = request.path();
        Supplier<AdminResponse> page = pages.get(path);
        if (page != null) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return AdminResponse.text(405, "Only GET and HEAD are served here\n");
            }
            return page.get();
        }
        for (Map.Entry<String, AdminHandler> mount : mounts.entrySet()) {
            String prefix = mount.getKey();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return mount.getValue().handle(request);
            }
        }
        return AdminResponse.text(404, "Not found. This admin listener serves " + String.join(", ", paths()) + "\n");
    }

    /** The pages' paths and the mounts', in the order they were added. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(pages.keySet());
        paths.addAll(mounts.keySet());
        return paths;
    }

    /** {@link #handle(AdminRequest)} for a request without headers or body. */
    public AdminResponse handle(String method, String uri) {
        return handle(AdminRequest.of(method, uri, Map.of(), new byte[0]));
    }
}
