package io.sluice.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.server.admin.AdminResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The console's JSON: one mapper, bounded when reading (nesting, string length), and its answers. */
public final class Json {

    /** Bodies are at most the listener's 1 MiB; a page's requests are shallow. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(1024 * 1024).build());
    }

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The body as a JSON object. */
    public static ObjectNode read(byte[] body) throws BadRequest {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException malformed) {
            throw new BadRequest("The body is not JSON: " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new BadRequest("The body is not JSON.");
        }
        throw new BadRequest("The body must be a JSON object.");
    }

    /** Whether {@code text} is one JSON value (within the mapper's bounds). */
    public static boolean isJson(String text) {
        try {
            MAPPER.readTree(text);
            return !text.isBlank();
        } catch (IOException notJson) {
            return false;
        }
    }

    public static AdminResponse ok(JsonNode node) {
        return answer(200, node);
    }

    public static AdminResponse answer(int status, JsonNode node) {
        try {
            return AdminResponse.json(status, MAPPER.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"error": message}} with {@code status}. */
    public static AdminResponse error(int status, String message) {
        return answer(status, object().put("error", message));
    }

    /** A request the console cannot take, with the reason the page shows. */
    public static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message);
        }
    }
}
