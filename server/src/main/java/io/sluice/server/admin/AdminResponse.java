package io.sluice.server.admin;

import java.nio.charset.StandardCharsets;

/** An answer of the admin listener: status, media type, body. */
public record AdminResponse(int status, String contentType, byte[] body) {

    static AdminResponse text(int status, String text) {
        return new AdminResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
