package io.sluice.server.auth;

import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 parts of a request, from the {@code Authorization} header or from the query string (presigned form),
 * checked for completeness and well-formedness with AWS's wording: every part present exactly once, every header
 * part a {@code key=value} pair. This is all mode {@code open} asks of a request; checking the values (algorithm,
 * scope, dates, the signature itself) is the sigv4 authenticator's job. Parsing is one linear pass over the header
 * and the query string.
 *
 * @param algorithm     {@code AWS4-HMAC-SHA256}, as the client named it
 * @param credential    {@code AKID/20261125/us-east-1/kinesis/aws4_request}
 * @param signedHeaders lower-case header names, {@code ;}-separated
 * @param signature     hex HMAC-SHA256
 * @param date          {@code 20261125T101500Z} (or, from a {@code Date} header, an RFC 1123 date)
 * @param dateSource    where the date came from
 * @param query         the request's decoded query string
 */
record SignatureParts(String algorithm, String credential, String signedHeaders, String signature, String date,
                      DateSource dateSource, QueryString query) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final List<String> HEADER_PARAMETERS = List.of("Credential", "Signature", "SignedHeaders");
    private static final List<String> QUERY_PARAMETERS = List.of("X-Amz-Algorithm", "X-Amz-Credential",
            "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date");
    static final String EXPIRES = "X-Amz-Expires";

    /** Where the request's date is: the header that carries it, or the query string (presigned). */
    enum DateSource {
        X_AMZ_DATE_HEADER("x-amz-date"), DATE_HEADER("date"), QUERY(null);

        private final String header;

        DateSource(String header) {
            this.header = header;
        }

        /** The lower-case header name, or {@code null} for the query string. */
        String header() {
            return header;
        }
    }

    boolean fromQuery() {
        return dateSource == DateSource.QUERY;
    }

    /** The access key id: the credential up to its first {@code /}. */
    String accessKeyId() {
        int slash = credential.indexOf('/');
        return slash < 0 ? credential : credential.substring(0, slash);
    }

    static SignatureParts of(KinesisRequest request) {
        String header = request.header("authorization");
        QueryString query = QueryString.of(request.uri());
        boolean inQuery = query.first("X-Amz-Algorithm") != null;
        if (header != null && inQuery) {
            throw new ApiException(ErrorType.INVALID_SIGNATURE,
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if (header == null && !inQuery) {
            throw new ApiException(ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        return header != null ? fromHeader(header, request, query) : fromQuery(query);
    }

    /** {@code <algorithm> Credential=..., SignedHeaders=..., Signature=...}; parts split at commas and blanks. */
    private static SignatureParts fromHeader(String header, KinesisRequest request, QueryString query) {
        int algorithmEnd = nextSeparator(header, 0);
        String algorithm = header.substring(0, algorithmEnd);
        Map<String, String> params = new HashMap<>();
        String repeated = null;
        for (int start = algorithmEnd; start < header.length(); ) {
            int end = nextSeparator(header, start);
            if (end > start) {
                String part = header.substring(start, end);
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "'" + ClientText.quoted(part)
                            + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                            + ClientText.quoted(header) + "'.");
                }
                String name = part.substring(0, eq);
                boolean again = params.put(name, part.substring(eq + 1)) != null;
                if (again && repeated == null && HEADER_PARAMETERS.contains(name)) {
                    repeated = name;
                }
            }
            start = end + 1;
        }
        StringBuilder missing = new StringBuilder();
        for (String param : HEADER_PARAMETERS) {
            if (params.get(param) == null || params.get(param).isEmpty()) {
                missing.append("Authorization header requires '").append(param).append("' parameter. ");
            }
        }
        DateSource dateSource = request.header("x-amz-date") != null ? DateSource.X_AMZ_DATE_HEADER
                : request.header("date") != null ? DateSource.DATE_HEADER : null;
        if (dateSource == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE,
                    missing + "Authorization=" + ClientText.quoted(header));
        }
        if (repeated != null) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "Authorization header requires exactly one '"
                    + repeated + "' parameter. Authorization=" + ClientText.quoted(header));
        }
        return new SignatureParts(algorithm, params.get("Credential"), params.get("SignedHeaders"),
                params.get("Signature"), request.header(dateSource.header()), dateSource, query);
    }

    private static SignatureParts fromQuery(QueryString query) {
        StringBuilder problems = new StringBuilder();
        for (String param : QUERY_PARAMETERS) {
            String value = query.first(param);
            if (value == null || value.isEmpty()) {
                problems.append("AWS query-string parameters must include '").append(param).append("'. ");
            }
        }
        for (String param : QUERY_PARAMETERS) {
            if (query.count(param) > 1) {
                problems.append("AWS query-string parameters must include exactly one '").append(param).append("'. ");
            }
        }
        if (query.count(EXPIRES) > 1) {
            problems.append("AWS query-string parameters must include at most one '").append(EXPIRES).append("'. ");
        }
        if (problems.length() > 0) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE,
                    problems + "Re-examine the query-string parameters.");
        }
        return new SignatureParts(query.first("X-Amz-Algorithm"), query.first("X-Amz-Credential"),
                query.first("X-Amz-SignedHeaders"), query.first("X-Amz-Signature"), query.first("X-Amz-Date"),
                DateSource.QUERY, query);
    }

    /** The index of the next comma or blank at or after {@code from}, or the length. */
    private static int nextSeparator(String header, int from) {
        for (int i = from; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                return i;
            }
        }
        return header.length();
    }
}
