package io.sluice.server.wire;

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

    /** The format named by a {@code Content-Type} header, ignoring parameters such as {@code charset}. */
    public static Optional<ContentType> fromHeader(String header) {
        return switch (mediaType(header)) {
            case "application/x-amz-json-1.1" -> Optional.of(JSON);
            case "application/x-amz-cbor-1.1" -> Optional.of(CBOR);
            default -> Optional.empty();
        };
    }

    /**
     * Whether the header names plain {@code application/json}, the retired JSON 1.0 protocol: Amazon Kinesis
     * answers it with a JSON 1.0 error envelope, never routes it to an action.
     */
    public static boolean isLegacyJson(String header) {
        return mediaType(header).equals("application/json");
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
