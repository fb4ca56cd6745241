package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.protocol.ErrorType;
import io.sluice.server.protocol.KinesisException;
import io.sluice.server.protocol.KinesisRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer, verified by ours. */
class SigV4AuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Credentials ALICE = new Credentials("AKIDALICE", "alice-secret", "alice");
    private static final String BODY = "{\"StreamName\":\"Test\"}";

    private final SigV4Authenticator authenticator = new SigV4Authenticator(
            key -> key.equals(ALICE.accessKeyId()) ? ALICE : null, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsAHeaderSignatureMadeByTheAwsSdk() {
        KinesisRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), NOW, BODY, AuthLocation.HEADER);

        assertThat(authenticator.authenticate(request)).isEqualTo(new Principal("AKIDALICE", "alice"));
    }

    @Test
    void acceptsAPresignedQueryStringSignature() {
        KinesisRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), NOW, BODY, AuthLocation.QUERY_STRING);

        assertThat(request.uri()).contains("X-Amz-Signature=");
        assertThat(authenticator.authenticate(request).userName()).isEqualTo("alice");
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        KinesisRequest signed = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), NOW, BODY, AuthLocation.HEADER);
        Map<String, String> headers = new HashMap<>(signed.headers());
        headers.remove("x-amz-content-sha256");
        KinesisRequest tampered = new KinesisRequest("r", "POST", signed.uri(), headers,
                "{\"StreamName\":\"Other\"}".getBytes(StandardCharsets.UTF_8));

        assertRejected(tampered, ErrorType.INVALID_SIGNATURE, "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                + "documentation for details.");
    }

    @Test
    void rejectsAPayloadHashHeaderThatDoesNotMatchTheBody() {
        KinesisRequest signed = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), NOW, BODY, AuthLocation.HEADER);
        Map<String, String> headers = new HashMap<>(signed.headers());
        headers.put("x-amz-content-sha256", "0".repeat(64));

        assertRejected(new KinesisRequest("r", "POST", signed.uri(), headers, signed.body()),
                ErrorType.INVALID_SIGNATURE, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void rejectsTheWrongSecret() {
        KinesisRequest request = signed(ALICE.accessKeyId(), "not-her-secret", NOW, BODY, AuthLocation.HEADER);

        assertThatThrownBy(() -> authenticator.authenticate(request))
                .isInstanceOfSatisfying(KinesisException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_SIGNATURE));
    }

    @Test
    void rejectsAnUnknownAccessKey() {
        KinesisRequest request = signed("AKIDMALLORY", "whatever", NOW, BODY, AuthLocation.HEADER);

        assertRejected(request, ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    @Test
    void rejectsASignatureOlderThanFifteenMinutes() {
        KinesisRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(),
                NOW.minus(Duration.ofMinutes(16)), BODY, AuthLocation.HEADER);

        assertRejected(request, ErrorType.INVALID_SIGNATURE, "Signature expired: 20261125T095930Z is now earlier than "
                + "20261125T100030Z (20261125T101530Z - 15 min.)");
    }

    @Test
    void acceptsASignatureFourteenMinutesOld() {
        KinesisRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(),
                NOW.minus(Duration.ofMinutes(14)), BODY, AuthLocation.HEADER);

        assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo("AKIDALICE");
    }

    @Test
    void rejectsASignatureFromTheFuture() {
        KinesisRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(),
                NOW.plus(Duration.ofMinutes(16)), BODY, AuthLocation.HEADER);

        assertRejected(request, ErrorType.INVALID_SIGNATURE, "Signature not yet current: 20261125T103130Z is still "
                + "later than 20261125T103030Z (20261125T101530Z + 15 min.)");
    }

    @Test
    void rejectsAnUnsignedRequest() {
        KinesisRequest request = new KinesisRequest("r", "POST", "/", Map.of("host", "localhost"), new byte[0]);

        assertRejected(request, ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    @Test
    void namesEveryMissingPartOfAnIncompleteHeader() {
        KinesisRequest request = new KinesisRequest("r", "POST", "/",
                Map.of("authorization", "AWS4-HMAC-SHA256 Credential=AKIDALICE/20261125/us-east-1/kinesis/aws4_request"),
                new byte[0]);

        assertRejected(request, ErrorType.INCOMPLETE_SIGNATURE, "Authorization header requires 'Signature' parameter. "
                + "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence "
                + "of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 "
                + "Credential=AKIDALICE/20261125/us-east-1/kinesis/aws4_request");
    }

    @Test
    void rejectsBothHeaderAndQuerySignatures() {
        KinesisRequest request = new KinesisRequest("r", "POST", "/?X-Amz-Algorithm=AWS4-HMAC-SHA256",
                Map.of("authorization", "AWS4-HMAC-SHA256 Credential=x"), new byte[0]);

        assertRejected(request, ErrorType.INVALID_SIGNATURE,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    private void assertRejected(KinesisRequest request, ErrorType type, String message) {
        assertThatThrownBy(() -> authenticator.authenticate(request))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static KinesisRequest signed(String key, String secret, Instant at, String body, AuthLocation location) {
        SdkHttpRequest http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4567/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Kinesis_20131202.DescribeStreamSummary")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(http)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesis")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, location)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        Map<String, String> headers = new HashMap<>();
        signed.request().forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        headers.put("host", "127.0.0.1:4567");
        String uri = signed.request().encodedPath() + signed.request().encodedQueryParameters().map(q -> "?" + q).orElse("");
        return new KinesisRequest("r", "POST", uri.isEmpty() ? "/" : uri, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
