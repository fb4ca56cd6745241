package io.sluice.server.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response ready for the wire: status, the media type of the body (null for none, as AWS sends its XML refusals),
 * the body — or, for an event stream, the source of its messages ({@code events}, then {@code body} is empty) — and
 * the headers it carries besides {@code Content-Type}, {@code Content-Length} and the request id.
 */
public record KinesisResponse(int status, String contentType, ChunkedBytes body, EventSource events,
                              Map<String, String> headers) {

    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    public KinesisResponse(int status, String contentType, ChunkedBytes body) {
        this(status, contentType, body, null, Map.of());
    }

    public static KinesisResponse eventStream(EventSource events) {
        return new KinesisResponse(200, EVENT_STREAM, ChunkedBytes.of(new byte[0]), events, Map.of());
    }

    /** This response with {@code more} headers added (a name already present keeps its value). */
    public KinesisResponse withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(more);
        all.putAll(headers);
        return new KinesisResponse(status, contentType, body, events, all);
    }
}
