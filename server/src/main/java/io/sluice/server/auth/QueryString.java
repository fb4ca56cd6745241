package io.sluice.server.auth;

import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded parameters of a request's query string, in order, duplicates kept (SigV4 signs every one). Parsed
 * once per request in one pass: a long query string (HTTP/2 allows tens of kilobytes) costs linear time and
 * memory. Immutable.
 */
final class QueryString {

    /** One decoded {@code name=value} pair; a pair without {@code =} has an empty value. */
    record Parameter(String name, String value) {
    }

    private static final QueryString EMPTY = new QueryString(List.of());

    private final List<Parameter> parameters;

    private QueryString(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    /** @throws ApiException {@code IncompleteSignatureException} for a malformed percent-encoding */
    static QueryString of(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return EMPTY;
        }
        List<Parameter> parameters = new ArrayList<>();
        int start = q + 1;
        while (start <= uri.length()) {
            int end = uri.indexOf('&', start);
            if (end < 0) {
                end = uri.length();
            }
            if (end > start) {
                int eq = uri.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < end;
                parameters.add(new Parameter(decode(uri, start, hasValue ? eq : end),
                        hasValue ? decode(uri, eq + 1, end) : ""));
            }
            start = end + 1;
        }
        return new QueryString(List.copyOf(parameters));
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /** The value of the first parameter with this name, or {@code null}. */
    String first(String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                return parameter.value();
            }
        }
        return null;
    }

    int count(String name) {
        int count = 0;
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                count++;
            }
        }
        return count;
    }

    private static String decode(String uri, int from, int to) {
        try {
            return URLDecoder.decode(uri.substring(from, to), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "The query string is not valid percent-encoding: "
                    + "'" + ClientText.quoted(uri.substring(from, to)) + "'. Encode '%' as '%25'.");
        }
    }
}
