package io.sluice.server.protocol;

import java.util.Locale;
import java.util.Optional;

/** The request body formats Kinesis accepts; a response is written in the format of its request. */
public enum ContentType {
    JSON("application/x-amz-json-1.1"),
    CBOR("application/x-amz-cbor-1.1");

    private final String mediaType;

    ContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The format named by a {@code Content-Type} header, ignoring parameters such as {@code charset}. Plain
     * {@code application/json} is read as JSON 1.1, as some hand-written clients send it.
     */
    public static Optional<ContentType> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int parameters = header.indexOf(';');
        String media = (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json" -> Optional.of(JSON);
            case "application/x-amz-cbor-1.1" -> Optional.of(CBOR);
            default -> Optional.empty();
        };
    }
}
