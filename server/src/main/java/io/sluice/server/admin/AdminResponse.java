package io.sluice.server.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer of the admin listener: status, media type, body, and headers beyond those every answer gets. */
public record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public AdminResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    public static AdminResponse text(int status, String text) {
        return new AdminResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static AdminResponse json(int status, byte[] json) {
        return new AdminResponse(status, "application/json", json);
    }

    /** This answer with one more header (e.g. {@code Set-Cookie}). */
    public AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, body, Map.copyOf(more));
    }
}
