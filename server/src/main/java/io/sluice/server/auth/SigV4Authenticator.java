package io.sluice.server.auth;

import io.sluice.server.protocol.ErrorType;
import io.sluice.server.protocol.KinesisException;
import io.sluice.server.protocol.KinesisRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mode {@code sigv4}: verifies AWS Signature Version 4 in its header and query-string (presigned) forms against
 * known credentials — signed headers, the payload hash and a 15-minute clock skew — and answers failures with
 * AWS's error types and wording. Thread-safe.
 */
public final class SigV4Authenticator implements Authenticator {

    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final HexFormat HEX = HexFormat.of();

    private final Function<String, Credentials> credentials;
    private final Clock clock;

    /** @param credentials looks up an access key id; {@code null} when unknown */
    public SigV4Authenticator(Function<String, Credentials> credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public Principal authenticate(KinesisRequest request) {
        SignatureParts parts = SignatureParts.of(request);
        String[] scope = parts.scope().split("/");
        if (scope.length != 4 || !"aws4_request".equals(scope[3])) {
            throw new KinesisException(ErrorType.INCOMPLETE_SIGNATURE, "Credential should be scoped to a valid "
                    + "region, service and terminator: 'date/region/service/aws4_request'. Credential="
                    + parts.credential());
        }
        Instant signedAt = parseDate(parts.amzDate());
        checkClock(signedAt, parts, request);
        if (!parts.amzDate().startsWith(scope[0])) {
            throw new KinesisException(ErrorType.INVALID_SIGNATURE, "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + scope[0] + "' != '"
                    + parts.amzDate().substring(0, Math.min(8, parts.amzDate().length())) + "', from '"
                    + parts.amzDate() + "'.");
        }
        Credentials known = credentials.apply(parts.accessKeyId());
        if (known == null) {
            throw new KinesisException(ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
        }
        String expected = signature(request, parts, scope, known.secretAccessKey());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new KinesisException(ErrorType.INVALID_SIGNATURE, "The request signature we calculated does not "
                    + "match the signature you provided. Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.");
        }
        return new Principal(known.accessKeyId(), known.userName());
    }

    private Instant parseDate(String amzDate) {
        try {
            return ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant();
        } catch (DateTimeParseException notAmzFormat) {
            try {
                return ZonedDateTime.parse(amzDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new KinesisException(ErrorType.INCOMPLETE_SIGNATURE,
                        "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
            }
        }
    }

    private void checkClock(Instant signedAt, SignatureParts parts, KinesisRequest request) {
        Instant now = clock.instant();
        if (parts.fromQuery()) {
            String expires = SignatureParts.query(request.uri()).get("X-Amz-Expires");
            long seconds = expires == null ? 900 : Long.parseLong(expires);
            if (now.isAfter(signedAt.plusSeconds(seconds))) {
                throw new KinesisException(ErrorType.INVALID_SIGNATURE, "Signature expired: " + parts.amzDate()
                        + " is now earlier than " + AMZ_DATE.format(now.minusSeconds(seconds))
                        + " (" + AMZ_DATE.format(now) + " - " + seconds + " sec.)");
            }
            return;
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw new KinesisException(ErrorType.INVALID_SIGNATURE, "Signature expired: " + parts.amzDate()
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW))
                    + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw new KinesisException(ErrorType.INVALID_SIGNATURE, "Signature not yet current: " + parts.amzDate()
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW))
                    + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
    }

    private static String signature(KinesisRequest request, SignatureParts parts, String[] scope, String secret) {
        String canonicalRequest = canonicalRequest(request, parts);
        String stringToSign = SignatureParts.ALGORITHM + "\n" + parts.amzDate() + "\n" + parts.scope() + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[0]);
        key = hmac(key, scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        return HEX.formatHex(hmac(key, stringToSign));
    }

    static String canonicalRequest(KinesisRequest request, SignatureParts parts) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(canonicalPath(path)).append('\n')
                .append(canonicalQuery(SignatureParts.query(uri))).append('\n');
        String[] signed = parts.signedHeaders().split(";");
        for (String name : signed) {
            String value = request.header(name);
            canonical.append(name).append(':')
                    .append(value == null ? "" : value.trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(parts.signedHeaders()).append('\n').append(payloadHash(request));
        return canonical.toString();
    }

    private static String payloadHash(KinesisRequest request) {
        String actual = HEX.formatHex(sha256(request.body()));
        String declared = request.header("x-amz-content-sha256");
        if (declared == null || declared.equals(actual)) {
            return actual;
        }
        if (declared.equals(UNSIGNED_PAYLOAD)) {
            return UNSIGNED_PAYLOAD;
        }
        throw new KinesisException(ErrorType.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    /** Non-S3 services sign the path encoded once more (the SDKs double-encode it); "/" stays "/". */
    private static String canonicalPath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        return Arrays.stream(path.split("/", -1)).map(SigV4Authenticator::uriEncode).collect(Collectors.joining("/"));
    }

    private static String canonicalQuery(Map<String, String> query) {
        Map<String, String> sorted = new TreeMap<>();
        query.forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature")) {
                sorted.put(uriEncode(name), uriEncode(value));
            }
        });
        StringBuilder canonical = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(name).append('=').append(value);
        });
        return canonical.toString();
    }

    /** RFC 3986 encoding as SigV4 defines it: only unreserved characters stay as they are. */
    static String uriEncode(String value) {
        StringBuilder out = new StringBuilder();
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

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}

