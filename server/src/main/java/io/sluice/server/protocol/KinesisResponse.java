package io.sluice.server.protocol;

/**
 * A response ready for the wire: status, the media type of the body, and the body — or, for an event stream, the
 * source of its messages ({@code events}, then {@code body} is empty).
 */
public record KinesisResponse(int status, String contentType, ChunkedBytes body, EventSource events) {

    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    public KinesisResponse(int status, String contentType, ChunkedBytes body) {
        this(status, contentType, body, null);
    }

    static KinesisResponse eventStream(EventSource events) {
        return new KinesisResponse(200, EVENT_STREAM, ChunkedBytes.of(new byte[0]), events);
    }
}
