package io.sluice.server.protocol;

/** A response ready for the wire: status, the media type of the body, and the body. */
public record KinesisResponse(int status, String contentType, ChunkedBytes body) {
}
