package io.sluice.server.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A request to the admin listener: method, path, query string (without its {@code ?}, empty when none), headers with
 * lower-case names, and the body (empty for GET).
 */
public record AdminRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {

    /** Splits {@code uri} into its path and query string. */
    public static AdminRequest of(String method, String uri, Map<String, String> headers, byte[] body) {
        int mark = uri.indexOf('?');
        return mark < 0 ? new AdminRequest(method, uri, "", headers, body)
                : new AdminRequest(method, uri.substring(0, mark), uri.substring(mark + 1), headers, body);
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /**
     * The first value of a query parameter, percent-decoded; empty when absent or not decodable. The query string is
     * bounded by the listener's request line, so this scan is too.
     */
    public Optional<String> parameter(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The request line's target, as the client sent it (path and query): what a signature covers. */
    public String uri() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
