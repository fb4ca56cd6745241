package io.sluice.server.auth;

import io.sluice.server.protocol.ErrorType;
import io.sluice.server.protocol.KinesisException;
import io.sluice.server.protocol.KinesisRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 parts of a request, from the {@code Authorization} header or from the query string (presigned
 * form), checked for completeness with AWS's wording. Verifying the signature is the sigv4 authenticator's job.
 *
 * @param credential    {@code AKID/20261125/us-east-1/kinesis/aws4_request}
 * @param signedHeaders lower-case header names, {@code ;}-separated
 * @param signature     hex HMAC-SHA256
 * @param amzDate       {@code 20261125T101500Z}
 * @param fromQuery     whether the parts came from the query string
 */
public record SignatureParts(String credential, String signedHeaders, String signature, String amzDate,
                             boolean fromQuery) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    public String accessKeyId() {
        int slash = credential.indexOf('/');
        return slash < 0 ? credential : credential.substring(0, slash);
    }

    /** The credential scope after the access key: date/region/service/aws4_request. */
    public String scope() {
        int slash = credential.indexOf('/');
        return slash < 0 ? "" : credential.substring(slash + 1);
    }

    public static SignatureParts of(KinesisRequest request) {
        String header = request.header("authorization");
        Map<String, String> query = query(request.uri());
        boolean inQuery = query.containsKey("X-Amz-Algorithm");
        if (header != null && inQuery) {
            throw new KinesisException(ErrorType.INVALID_SIGNATURE,
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if (header == null && !inQuery) {
            throw new KinesisException(ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        return header != null ? fromHeader(header, request) : fromQuery(query);
    }

    private static SignatureParts fromHeader(String header, KinesisRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        String rest = header.startsWith(ALGORITHM) ? header.substring(ALGORITHM.length()) : header;
        for (String part : rest.split("[, ]")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String param : List.of("Credential", "Signature", "SignedHeaders")) {
            if (params.get(param) == null || params.get(param).isEmpty()) {
                missing.append("Authorization header requires '").append(param).append("' parameter. ");
            }
        }
        String amzDate = request.header("x-amz-date");
        if (amzDate == null && request.header("date") == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw new KinesisException(ErrorType.INCOMPLETE_SIGNATURE, missing + "Authorization=" + header);
        }
        return new SignatureParts(params.get("Credential"), params.get("SignedHeaders"), params.get("Signature"),
                amzDate != null ? amzDate : request.header("date"), false);
    }

    private static SignatureParts fromQuery(Map<String, String> query) {
        StringBuilder missing = new StringBuilder();
        for (String param : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders",
                "X-Amz-Date")) {
            if (query.get(param) == null || query.get(param).isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(param).append("'. ");
            }
        }
        if (missing.length() > 0) {
            throw new KinesisException(ErrorType.INCOMPLETE_SIGNATURE, missing + "Re-examine the query-string parameters.");
        }
        return new SignatureParts(query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"),
                query.get("X-Amz-Signature"), query.get("X-Amz-Date"), true);
    }

    static Map<String, String> query(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
