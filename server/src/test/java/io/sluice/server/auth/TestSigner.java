package io.sluice.server.auth;

import io.sluice.server.wire.KinesisRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Kinesis requests signed by the AWS SDK's own SigV4 signer, with every input a test may want to get wrong: key,
 * secret, region, service, time, extra signed headers, header or presigned form. Immutable; each setter returns a
 * copy.
 */
public record TestSigner(String accessKeyId, String secret, String region, String service, Instant at,
                         Map<String, String> extraHeaders, Duration presignedFor, boolean payloadSigned) {

    /** A POST to {@code endpoint}, signed: what goes on the wire. Header names are lower-case. */
    public record Signed(String method, String uri, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name);
        }

        public Signed withHeader(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.put(name, value);
            return new Signed(method, uri, changed, body);
        }

        public Signed withoutHeader(String name) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.remove(name);
            return new Signed(method, uri, changed, body);
        }

        public Signed withUri(String changedUri) {
            return new Signed(method, changedUri, headers, body);
        }

        public KinesisRequest toRequest() {
            return new KinesisRequest("r", method, uri, headers, body);
        }
    }

    public static TestSigner as(String accessKeyId, String secret) {
        return new TestSigner(accessKeyId, secret, "us-east-1", "kinesis", Instant.now(), Map.of(), null, true);
    }

    public TestSigner region(String r) {
        return new TestSigner(accessKeyId, secret, r, service, at, extraHeaders, presignedFor, payloadSigned);
    }

    public TestSigner service(String s) {
        return new TestSigner(accessKeyId, secret, region, s, at, extraHeaders, presignedFor, payloadSigned);
    }

    public TestSigner at(Instant time) {
        return new TestSigner(accessKeyId, secret, region, service, time, extraHeaders, presignedFor, payloadSigned);
    }

    /** One more header, sent and signed. */
    public TestSigner header(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        return new TestSigner(accessKeyId, secret, region, service, at, headers, presignedFor, payloadSigned);
    }

    /** The presigned (query-string) form, valid for {@code expires} ({@code X-Amz-Expires}). */
    public TestSigner presigned(Duration expires) {
        return new TestSigner(accessKeyId, secret, region, service, at, extraHeaders, expires, payloadSigned);
    }

    /** Signs {@code UNSIGNED-PAYLOAD} in place of the body's hash, as the SDK does for S3 over TLS. */
    public TestSigner unsignedPayload() {
        return new TestSigner(accessKeyId, secret, region, service, at, extraHeaders, presignedFor, false);
    }

    public Signed sign(URI endpoint, String action, String body) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Kinesis_20131202." + action);
        extraHeaders.forEach(http::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                    .request(http.build())
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigned)
                    .putProperty(AwsV4HttpSigner.AUTH_LOCATION, presignedFor == null ? AuthLocation.HEADER : AuthLocation.QUERY_STRING);
            if (presignedFor != null) {
                r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignedFor);
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        headers.put("host", endpoint.getAuthority());
        String path = signed.request().encodedPath();
        String uri = (path.isEmpty() ? "/" : path)
                + signed.request().encodedQueryParameters().map(q -> "?" + q).orElse("");
        return new Signed("POST", uri, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
