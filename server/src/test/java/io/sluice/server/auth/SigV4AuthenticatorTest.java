package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sluice.server.auth.TestSigner.Signed;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests signed by the AWS SDK's own SigV4 signer (then spoiled where a test needs it), verified by ours. */
class SigV4AuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:4567/");
    private static final Credentials ALICE = new Credentials("AKIDALICE", "alice-secret", "alice");
    private static final String BODY = "{\"StreamName\":\"Test\"}";
    private static final TestSigner AS_ALICE = TestSigner.as(ALICE.accessKeyId(), ALICE.secretAccessKey()).at(NOW);

    private final SigV4Authenticator authenticator = new SigV4Authenticator(
            key -> key.equals(ALICE.accessKeyId()) ? ALICE : null, "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsAHeaderSignatureMadeByTheAwsSdk() {
        assertThat(authenticator.authenticate(signed(AS_ALICE).toRequest())).isEqualTo(new Principal("AKIDALICE", "alice"));
    }

    @Test
    void acceptsAPresignedQueryStringSignature() {
        Signed presigned = signed(AS_ALICE.presigned(Duration.ofMinutes(5)));

        assertThat(presigned.uri()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
        assertThat(authenticator.authenticate(presigned.toRequest()).userName()).isEqualTo("alice");
    }

    @Test
    void acceptsAPresignedUrlUntilItExpires() {
        Signed presigned = signed(AS_ALICE.at(NOW.minus(Duration.ofMinutes(59))).presigned(Duration.ofHours(1)));

        assertThat(authenticator.authenticate(presigned.toRequest()).userName()).isEqualTo("alice");
    }

    @Test
    void rejectsAnExpiredPresignedUrl() {
        Signed presigned = signed(AS_ALICE.at(NOW.minus(Duration.ofHours(2))).presigned(Duration.ofHours(1)));

        assertRejected(presigned, ErrorType.INVALID_SIGNATURE, "Signature expired: 20261125T081530Z is now earlier "
                + "than 20261125T091530Z (20261125T101530Z - 3600 sec.)");
    }

    @Test
    void rejectsAPresignedUrlDatedInTheFuture() {
        Signed presigned = signed(AS_ALICE.at(NOW.plus(Duration.ofMinutes(20))).presigned(Duration.ofHours(1)));

        assertRejected(presigned, ErrorType.INVALID_SIGNATURE, "Signature not yet current: 20261125T103530Z is still "
                + "later than 20261125T103030Z (20261125T101530Z + 15 min.)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0      | X-Amz-Expires must be between 1 and 604800 seconds (a week), not 0.",
            "604801 | X-Amz-Expires must be between 1 and 604800 seconds (a week), not 604801.",
            "-5     | X-Amz-Expires should be a number of seconds, not '-5'.",
            "soon   | X-Amz-Expires should be a number of seconds, not 'soon'.",
            "99999999999999999999 | X-Amz-Expires should be a number of seconds, not '99999999999999999999'."})
    void rejectsXAmzExpiresOutsideOneSecondToAWeek(String expires, String message) {
        Signed presigned = signed(AS_ALICE.presigned(Duration.ofMinutes(5)));

        assertRejected(presigned.withUri(presigned.uri().replace("X-Amz-Expires=300", "X-Amz-Expires=" + expires)),
                ErrorType.INCOMPLETE_SIGNATURE, message);
    }

    @Test
    void rejectsAnAlgorithmOtherThanHmacSha256() {
        Signed header = signed(AS_ALICE);
        Signed presigned = signed(AS_ALICE.presigned(Duration.ofMinutes(5)));
        String message = "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'. Sign with AWS4-HMAC-SHA256.";

        assertRejected(header.withHeader("authorization", header.header("authorization").replace("AWS4-HMAC-SHA256",
                "AWS4-HMAC-SHA512")), ErrorType.INCOMPLETE_SIGNATURE, message);
        assertRejected(presigned.withUri(presigned.uri().replace("X-Amz-Algorithm=AWS4-HMAC-SHA256",
                "X-Amz-Algorithm=AWS4-HMAC-SHA512")), ErrorType.INCOMPLETE_SIGNATURE, message);
    }

    @Test
    void rejectsASignatureForAnotherService() {
        assertRejected(signed(AS_ALICE.service("s3")), ErrorType.INVALID_SIGNATURE,
                "Credential should be scoped to correct service: 'kinesis', not 's3'.");
        assertRejected(signed(AS_ALICE.service("s3").presigned(Duration.ofMinutes(5))), ErrorType.INVALID_SIGNATURE,
                "Credential should be scoped to correct service: 'kinesis', not 's3'.");
    }

    @Test
    void rejectsASignatureForAnotherRegion() {
        assertRejected(signed(AS_ALICE.region("eu-west-1")), ErrorType.INVALID_SIGNATURE,
                "Credential should be scoped to a valid region, not 'eu-west-1'. This server's region is 'us-east-1'.");
    }

    @Test
    void rejectsAnotherScopeTerminator() {
        Signed request = signed(AS_ALICE);

        assertRejected(request.withHeader("authorization", request.header("authorization").replace("/aws4_request,",
                "/aws4_requests,")), ErrorType.INVALID_SIGNATURE,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_requests'.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AKIDALICE/20261125/us-east-1/kinesis",
            "AKIDALICE/20261125/us-east-1/kinesis/aws4_request/more",
            "AKIDALICE"})
    void rejectsACredentialWithoutFiveElements(String credential) {
        Signed request = signed(AS_ALICE);

        assertRejected(request.withHeader("authorization", request.header("authorization").replace(
                "AKIDALICE/20261125/us-east-1/kinesis/aws4_request", credential)), ErrorType.INCOMPLETE_SIGNATURE,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                        + credential + "'");
    }

    @Test
    void rejectsACredentialScopedToAnotherDay() {
        Signed request = signed(AS_ALICE);

        assertRejected(request.withHeader("authorization", request.header("authorization").replace("/20261125/",
                "/20261124/")), ErrorType.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from "
                + "ISO-8601 version of date from HTTP: '20261124' != '20261125', from '20261125T101530Z'.");
    }

    @ParameterizedTest
    @CsvSource({"20261131T101530Z", "2026-11-25T10:15:30Z", "20261125T101530", "yesterday"})
    void rejectsADateNotInIsoBasicFormat(String date) {
        assertRejected(signed(AS_ALICE).withHeader("x-amz-date", date), ErrorType.INCOMPLETE_SIGNATURE,
                "Date must be in ISO-8601 'basic format'. Got '" + date + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void requiresTheHostHeaderToBeSigned() {
        Signed request = signed(AS_ALICE);

        assertRejected(request.withHeader("authorization", request.header("authorization").replace(";host;", ";")),
                ErrorType.INCOMPLETE_SIGNATURE,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void requiresTheDateHeaderToBeSigned() {
        Signed request = signed(AS_ALICE);
        String withoutDate = request.header("authorization").replace(";x-amz-date", "");

        assertRejected(request.withHeader("authorization", withoutDate), ErrorType.INCOMPLETE_SIGNATURE,
                "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        assertRejected(request.withoutHeader("x-amz-date").withHeader("date", "Wed, 25 Nov 2026 10:15:30 GMT"),
                ErrorType.INCOMPLETE_SIGNATURE, "'Date' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void rejectsASignedHeaderTheRequestLacks() {
        Signed request = signed(AS_ALICE.header("X-Amz-Meta-Note", "hello"));
        assertThat(request.header("authorization")).contains("x-amz-meta-note");

        assertRejected(request.withoutHeader("x-amz-meta-note"), ErrorType.INVALID_SIGNATURE,
                "SignedHeaders names 'x-amz-meta-note', but the request has no such header. Sign only the headers you send.");
    }

    @Test
    void refusesAnUnsignedPayload() {
        assertRejected(signed(AS_ALICE).withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
                ErrorType.INCOMPLETE_SIGNATURE, "x-amz-content-sha256 'UNSIGNED-PAYLOAD' is not accepted: Kinesis "
                        + "requests sign their payload. Send the hex SHA-256 of the body, or leave the header out.");
        assertRejected(AS_ALICE.unsignedPayload().sign(URI.create("https://127.0.0.1:4567/"), "ListStreams", BODY),
                ErrorType.INCOMPLETE_SIGNATURE, "x-amz-content-sha256 'UNSIGNED-PAYLOAD' is not accepted: Kinesis "
                        + "requests sign their payload. Send the hex SHA-256 of the body, or leave the header out.");
    }

    @Test
    void signsThePayloadHashHeaderAsTheSdkSendsIt() throws Exception {
        Signed request = signed(AS_ALICE);

        assertThat(request.header("x-amz-content-sha256")).isEqualTo(sha256Hex(BODY));
        assertThat(request.header("authorization")).contains(";x-amz-content-sha256;");
        assertThat(authenticator.authenticate(request.toRequest()).userName()).isEqualTo("alice");
    }

    @Test
    void rejectsAPayloadHashHeaderThatDoesNotMatchTheBody() {
        assertRejected(signed(AS_ALICE).withHeader("x-amz-content-sha256", "0".repeat(64)), ErrorType.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void rejectsABodyChangedAfterSigning() throws Exception {
        Signed signed = signed(AS_ALICE);
        String other = "{\"StreamName\":\"Other\"}";
        Signed tampered = new Signed("POST", signed.uri(), signed.headers(), other.getBytes(StandardCharsets.UTF_8))
                .withHeader("x-amz-content-sha256", sha256Hex(other));

        assertRejected(tampered, ErrorType.INVALID_SIGNATURE, "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                + "documentation for details.");
    }

    @ParameterizedTest
    @CsvSource({"xyz", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "0"})
    void rejectsASignatureThatIsNotSixtyFourLowerCaseHexDigits(String signature) {
        Signed request = signed(AS_ALICE);

        assertRejected(request.withHeader("authorization", request.header("authorization")
                        .replaceAll("Signature=[0-9a-f]+", "Signature=" + signature)), ErrorType.INCOMPLETE_SIGNATURE,
                "Signature must be 64 lower-case hexadecimal digits (a hex HMAC-SHA256); the one sent is not ("
                        + signature.length() + " characters).");
    }

    @Test
    void rejectsTheWrongSecret() {
        assertRejected(signed(TestSigner.as(ALICE.accessKeyId(), "not-her-secret").at(NOW)), ErrorType.INVALID_SIGNATURE,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                        + "Access Key and signing method. Consult the service documentation for details.");
    }

    @Test
    void rejectsAnUnknownAccessKey() {
        assertRejected(signed(TestSigner.as("AKIDMALLORY", "whatever").at(NOW)), ErrorType.UNRECOGNIZED_CLIENT,
                "The security token included in the request is invalid.");
    }

    @Test
    void rejectsASignatureOlderThanFifteenMinutes() {
        assertRejected(signed(AS_ALICE.at(NOW.minus(Duration.ofMinutes(16)))), ErrorType.INVALID_SIGNATURE,
                "Signature expired: 20261125T095930Z is now earlier than 20261125T100030Z (20261125T101530Z - 15 min.)");
    }

    @Test
    void acceptsASignatureFourteenMinutesOld() {
        assertThat(authenticator.authenticate(signed(AS_ALICE.at(NOW.minus(Duration.ofMinutes(14)))).toRequest())
                .accessKeyId()).isEqualTo("AKIDALICE");
    }

    @Test
    void rejectsASignatureFromTheFuture() {
        assertRejected(signed(AS_ALICE.at(NOW.plus(Duration.ofMinutes(16)))), ErrorType.INVALID_SIGNATURE,
                "Signature not yet current: 20261125T103130Z is still later than 20261125T103030Z (20261125T101530Z + 15 min.)");
    }

    @Test
    void acceptsAReplayWithinTheClockSkewAsAwsDoes() {
        KinesisRequest request = signed(AS_ALICE).toRequest();

        assertThat(authenticator.authenticate(request)).isEqualTo(authenticator.authenticate(request));
    }

    @Test
    void rejectsAnUnsignedRequest() {
        KinesisRequest request = new KinesisRequest("r", "POST", "/", Map.of("host", "localhost"), new byte[0]);

        assertRejected(request, ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    @Test
    void namesEveryMissingPartOfAnIncompleteHeader() {
        assertRejected(withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDALICE/20261125/us-east-1/kinesis/aws4_request"),
                ErrorType.INCOMPLETE_SIGNATURE, "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence "
                        + "of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 "
                        + "Credential=AKIDALICE/20261125/us-east-1/kinesis/aws4_request");
    }

    @Test
    void rejectsAPartWithoutAnEqualSignWithoutQuotingTheSignature() {
        Signed request = signed(AS_ALICE);
        String signature = signatureOf(request);
        String spoiled = request.header("authorization").replace("Signature=", "Signature ");

        assertRejected(request.withHeader("authorization", spoiled), ErrorType.INCOMPLETE_SIGNATURE,
                "'Signature' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + spoiled.replace(signature, "<redacted>") + "'.");
        assertRejected(request.withHeader("authorization", spoiled.replace("Signature ", "")), ErrorType.INCOMPLETE_SIGNATURE,
                "'<redacted>' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + spoiled.replace("Signature " + signature, "<redacted>") + "'.");
    }

    @Test
    void rejectsARepeatedPartWithoutQuotingTheSignature() {
        Signed request = signed(AS_ALICE);
        String twice = request.header("authorization") + ", Signature=" + "ab".repeat(32);

        assertRejected(request.withHeader("authorization", twice), ErrorType.INCOMPLETE_SIGNATURE,
                "Authorization header requires exactly one 'Signature' parameter. Authorization="
                        + twice.replace(signatureOf(request), "<redacted>").replace("ab".repeat(32), "<redacted>"));
    }

    @Test
    void rejectsARepeatedQueryParameter() {
        Signed presigned = signed(AS_ALICE.presigned(Duration.ofMinutes(5)));

        assertRejected(presigned.withUri(presigned.uri() + "&X-Amz-Signature=" + "ab".repeat(32)
                        + "&X-Amz-Expires=60"), ErrorType.INCOMPLETE_SIGNATURE,
                "AWS query-string parameters must include exactly one 'X-Amz-Signature'. AWS query-string parameters "
                        + "must include at most one 'X-Amz-Expires'. Re-examine the query-string parameters.");
    }

    @Test
    void rejectsAMalformedPercentEncoding() {
        assertRejected(signed(AS_ALICE).withUri("/?Action=%zz"), ErrorType.INCOMPLETE_SIGNATURE,
                "The query string is not valid percent-encoding: '%zz'. Encode '%' as '%25'.");
    }

    @Test
    void rejectsBothHeaderAndQuerySignatures() {
        assertRejected(signed(AS_ALICE).withUri("/?X-Amz-Algorithm=AWS4-HMAC-SHA256"), ErrorType.INVALID_SIGNATURE,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    @Test
    void answersAMegabyteQueryStringInLinearTime() {
        Signed request = signed(AS_ALICE).withUri("/?" + "a=%41%42&".repeat(120_000) + "X-Amz-Date=" + "%41".repeat(100_000));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRejected(request, ErrorType.INVALID_SIGNATURE,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                        + "Access Key and signing method. Consult the service documentation for details."));
    }

    private static Signed signed(TestSigner signer) {
        return signer.sign(ENDPOINT, "DescribeStreamSummary", BODY);
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String signatureOf(Signed request) {
        String authorization = request.header("authorization");
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
    }

    private static KinesisRequest withAuthorization(String authorization) {
        return new KinesisRequest("r", "POST", "/", Map.of("authorization", authorization), new byte[0]);
    }

    private void assertRejected(Signed request, ErrorType type, String message) {
        assertRejected(request.toRequest(), type, message);
    }

    private void assertRejected(KinesisRequest request, ErrorType type, String message) {
        assertThatThrownBy(() -> authenticator.authenticate(request))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.type()).isEqualTo(type);
                });
    }
}
