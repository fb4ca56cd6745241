package io.sluice.server.auth;

import io.sluice.server.wire.KinesisRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SigV4's canonical request, the text whose hash is signed:
 *
 * <pre>
 * METHOD \n canonical path \n canonical query \n name:value\n (each signed header) \n signed headers \n payload hash
 * </pre>
 *
 * The path is encoded once more (non-S3 services sign it double-encoded, as the SDKs send it); query parameters
 * are encoded and sorted by name, then value, without {@code X-Amz-Signature}; header values are trimmed with
 * inner runs of blanks folded to one. Linear in the request's size apart from sorting the parameters. Stateless.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    /** @param signedHeaders the lower-case names the client signed, in its order; each is present in the request */
    static String of(KinesisRequest request, QueryString query, List<String> signedHeaders, String payloadHash) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(path(q < 0 ? uri : uri.substring(0, q))).append('\n')
                .append(query(query)).append('\n');
        for (String name : signedHeaders) {
            canonical.append(name).append(':');
            appendFolded(canonical, request.header(name));
            canonical.append('\n');
        }
        return canonical.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash).toString();
    }

    private static String path(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            out.append(uriEncode(path.substring(start, slash < 0 ? path.length() : slash)));
            if (slash < 0) {
                return out.toString();
            }
            out.append('/');
            start = slash + 1;
        }
    }

    private static String query(QueryString query) {
        List<String[]> pairs = new ArrayList<>();
        for (QueryString.Parameter parameter : query.parameters()) {
            if (!parameter.name().equals("X-Amz-Signature")) {
                pairs.add(new String[] {uriEncode(parameter.name()), uriEncode(parameter.value())});
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder canonical = new StringBuilder();
        for (String[] pair : pairs) {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(pair[0]).append('=').append(pair[1]);
        }
        return canonical.toString();
    }

    /** The value trimmed, each inner run of blanks written as one. */
    private static void appendFolded(StringBuilder out, String value) {
        String trimmed = value.trim();
        boolean blank = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                if (!blank) {
                    out.append(' ');
                }
                blank = true;
            } else {
                out.append(c);
                blank = false;
            }
        }
    }

    /** RFC 3986 encoding as SigV4 defines it: only unreserved characters stay as they are. */
    static String uriEncode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
