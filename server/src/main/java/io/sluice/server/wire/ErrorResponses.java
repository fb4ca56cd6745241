package io.sluice.server.wire;

import io.sluice.server.wire.ErrorResponses;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error bodies as Kinesis writes them. The usual one is {@code {"__type": "<Type>", "message": "<text>"}} in the
 * request's format; a {@code SerializationException} spells it {@code Message}; an error without a message (what
 * the front end answers to a request it cannot route or parse) is the bare {@code {"__type": "<Type>"}}. Requests
 * that are not JSON/CBOR API calls at all get AWS's XML or legacy JSON 1.0 envelopes.
 */
public final class ErrorResponses {

    /** The media type AWS answers the legacy {@code application/json} with. */
    static final String LEGACY_JSON = "application/json";

    private ErrorResponses() {
    }

    public static KinesisResponse of(ContentType format, ApiException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", error.type().wireName());
        body.put(error.type() == ErrorType.SERIALIZATION ? "Message" : "message", error.getMessage());
        return new KinesisResponse(error.type().httpStatus(), format.mediaType(), BodyCodec.write(format, body));
    }

    /** {@code {"__type": "<Type>"}} with status 400, in {@code format}. */
    public static KinesisResponse bare(ContentType format, ErrorType type) {
        return of(format, new ApiException(type, null));
    }

    /** The reply to a method other than POST, or to a body with no API content type and no operation named. */
    public static KinesisResponse accessDeniedXml() {
        return xml(403, "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be "
                + "authorized</Message>\n</AccessDeniedException>\n");
    }

    /** The reply to a body with no API content type that names an operation. */
    public static KinesisResponse unknownOperationXml() {
        return xml(404, "<UnknownOperationException/>\n");
    }

    /**
     * The reply to the legacy {@code application/json}, which AWS no longer routes: the JSON 1.0 envelope
     * {@code {"Output":{"__type":"com.amazon.coral.service#<Type>"},"Version":"1.0"}}.
     */
    public static KinesisResponse legacyJson(int status, ErrorType type) {
        String body = "{\"Output\":{\"__type\":\"com.amazon.coral.service#" + type.wireName() + "\"},\"Version\":\"1.0\"}";
        return new KinesisResponse(status, LEGACY_JSON, ChunkedBytes.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static KinesisResponse xml(int status, String body) {
        return new KinesisResponse(status, null, ChunkedBytes.of(body.getBytes(StandardCharsets.UTF_8)));
    }
}
