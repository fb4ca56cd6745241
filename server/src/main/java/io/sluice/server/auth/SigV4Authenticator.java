package io.sluice.server.auth;

import io.sluice.server.auth.SignatureParts.DateSource;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
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
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mode {@code sigv4}: verifies AWS Signature Version 4, in its header and query-string (presigned) forms, as AWS
 * checks it, and answers every failure with AWS's error type and wording (never a 500):
 *
 * <ol>
 *   <li>algorithm {@code AWS4-HMAC-SHA256} only;</li>
 *   <li>credential scope {@code <key>/<yyyymmdd>/<region>/kinesis/aws4_request}, with the server's region and the
 *       request date's day;</li>
 *   <li>{@code SignedHeaders} include {@code host} and the header that carries the date, and every signed header
 *       is in the request;</li>
 *   <li>the date within 15 minutes of the server's clock; presigned: {@code X-Amz-Expires} 1..604800 seconds, not
 *       expired, and not dated in the future beyond the 15 minutes;</li>
 *   <li>the payload signed: {@code x-amz-content-sha256}, when sent, is the body's SHA-256 ({@code UNSIGNED-PAYLOAD}
 *       is refused);</li>
 *   <li>a known access key, and the signature (64 hex digits) equal to ours, compared in constant time.</li>
 * </ol>
 *
 * Like AWS, a request may be replayed as is while its date is within the 15 minutes (or its presigned URL has not
 * expired): SDK retries can repeat a signature exactly (same body, same second), and refusing those would break
 * them. TLS keeps signatures from being seen on the way. Thread-safe.
 */
public final class SigV4Authenticator implements Authenticator {

    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final String SERVICE = "kinesis";
    static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SCOPE_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final int SIGNATURE_HEX_DIGITS = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final Function<String, Credentials> credentials;
    private final String region;
    private final Clock clock;

    /**
     * @param credentials looks up an access key id; {@code null} when unknown
     * @param region      the server's region ({@code --region}): the only one a credential may be scoped to
     */
    public SigV4Authenticator(Function<String, Credentials> credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public Principal authenticate(KinesisRequest request) {
        SignatureParts parts = SignatureParts.of(request);
        if (!SignatureParts.ALGORITHM.equals(parts.algorithm())) {
            throw incomplete("Unsupported AWS 'algorithm': '" + ClientText.quoted(parts.algorithm())
                    + "'. Sign with " + SignatureParts.ALGORITHM + ".");
        }
        CredentialScope scope = CredentialScope.parse(parts.credential());
        checkScope(scope);
        Instant signedAt = parseDate(parts);
        String day = SCOPE_DATE.format(signedAt);
        if (!scope.date().equals(day)) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + ClientText.quoted(scope.date()) + "' != '" + day + "', from '" + parts.date() + "'.");
        }
        List<String> signedHeaders = signedHeaders(parts, request);
        checkClock(signedAt, parts);
        String payloadHash = payloadHash(request);
        Credentials known = credentials.apply(scope.accessKeyId());
        if (known == null) {
            throw new ApiException(ErrorType.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid.");
        }
        byte[] provided = signatureBytes(parts.signature());
        String canonical = CanonicalRequest.of(request, parts.query(), signedHeaders, payloadHash);
        if (!MessageDigest.isEqual(signature(canonical, signedAt, scope, known.secretAccessKey()), provided)) {
            throw invalid("The request signature we calculated does not match the signature you provided. Check your "
                    + "AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return new Principal(known.accessKeyId(), known.userName());
    }

    private void checkScope(CredentialScope scope) {
        if (!CredentialScope.TERMINATOR.equals(scope.terminator())) {
            throw invalid("Credential should be scoped with a valid terminator: '" + CredentialScope.TERMINATOR
                    + "', not '" + ClientText.quoted(scope.terminator()) + "'.");
        }
        if (!SERVICE.equals(scope.service())) {
            throw invalid("Credential should be scoped to correct service: '" + SERVICE + "', not '"
                    + ClientText.quoted(scope.service()) + "'.");
        }
        if (!region.equals(scope.region())) {
            throw invalid("Credential should be scoped to a valid region, not '" + ClientText.quoted(scope.region())
                    + "'. This server's region is '" + region + "'.");
        }
    }

    /** {@code x-amz-date} and {@code X-Amz-Date} in ISO 8601 basic format; a {@code Date} header in RFC 1123. */
    private static Instant parseDate(SignatureParts parts) {
        try {
            if (parts.dateSource() == DateSource.DATE_HEADER) {
                return ZonedDateTime.parse(parts.date(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            }
            return AMZ_DATE.parse(parts.date(), Instant::from);
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + ClientText.quoted(parts.date())
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    /** The signed header names, once checked: {@code host} and the date's header signed, each one present. */
    private static List<String> signedHeaders(SignatureParts parts, KinesisRequest request) {
        List<String> names = Arrays.asList(parts.signedHeaders().split(";", -1));
        if (!names.contains("host")) {
            throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String dateHeader = parts.dateSource().header();
        if (dateHeader != null && !names.contains(dateHeader)) {
            throw incomplete("'" + (parts.dateSource() == DateSource.DATE_HEADER ? "Date" : "X-Amz-Date")
                    + "' must be a 'SignedHeader' in the AWS Authorization.");
        }
        for (String name : names) {
            if (request.header(name) == null) {
                throw invalid("SignedHeaders names '" + ClientText.quoted(name) + "', but the request has no such "
                        + "header. Sign only the headers you send.");
            }
        }
        return names;
    }

    private void checkClock(Instant signedAt, SignatureParts parts) {
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + parts.date() + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        String expires = parts.fromQuery() ? parts.query().first(SignatureParts.EXPIRES) : null;
        if (expires == null) {
            if (signedAt.isBefore(now.minus(MAX_SKEW))) {
                throw invalid("Signature expired: " + parts.date() + " is now earlier than "
                        + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
            }
            return;
        }
        long seconds = expiresSeconds(expires);
        if (now.isAfter(signedAt.plusSeconds(seconds))) {
            throw invalid("Signature expired: " + parts.date() + " is now earlier than "
                    + AMZ_DATE.format(now.minusSeconds(seconds)) + " (" + AMZ_DATE.format(now) + " - " + seconds
                    + " sec.)");
        }
    }

    private static long expiresSeconds(String expires) {
        boolean digits = !expires.isEmpty() && expires.length() <= 18 // fits a long
                && expires.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            throw incomplete("X-Amz-Expires should be a number of seconds, not '" + ClientText.quoted(expires) + "'.");
        }
        long seconds = Long.parseLong(expires);
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw incomplete("X-Amz-Expires must be between 1 and " + MAX_EXPIRES_SECONDS + " seconds (a week), not "
                    + seconds + ".");
        }
        return seconds;
    }

    /** The body's SHA-256 in hex; a declared {@code x-amz-content-sha256} must be exactly that. */
    private static String payloadHash(KinesisRequest request) {
        String actual = HEX.formatHex(sha256(request.body()));
        String declared = request.header("x-amz-content-sha256");
        if (UNSIGNED_PAYLOAD.equals(declared)) {
            throw incomplete("x-amz-content-sha256 'UNSIGNED-PAYLOAD' is not accepted: Kinesis requests sign their "
                    + "payload. Send the hex SHA-256 of the body, or leave the header out.");
        }
        if (declared != null && !declared.equals(actual)) {
            throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return actual;
    }

    /** The signature as bytes; never quoted back (see {@link ClientText}). */
    private static byte[] signatureBytes(String signature) {
        boolean lowerHex = signature.length() == SIGNATURE_HEX_DIGITS
                && signature.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (!lowerHex) {
            throw incomplete("Signature must be " + SIGNATURE_HEX_DIGITS + " lower-case hexadecimal digits (a hex "
                    + "HMAC-SHA256); the one sent is not (" + signature.length() + " characters).");
        }
        return HEX.parseHex(signature);
    }

    private static byte[] signature(String canonicalRequest, Instant signedAt, CredentialScope scope, String secret) {
        String stringToSign = SignatureParts.ALGORITHM + "\n" + AMZ_DATE.format(signedAt) + "\n" + scope.scope() + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        key = hmac(key, scope.terminator());
        return hmac(key, stringToSign);
    }

    private static ApiException incomplete(String message) {
        return new ApiException(ErrorType.INCOMPLETE_SIGNATURE, message);
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorType.INVALID_SIGNATURE, message);
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
