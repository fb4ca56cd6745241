package io.sluice.bench.soak;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Sends one Kinesis request with a body of the caller's choosing, SigV4-signed by the AWS SDK's own signer (so a
 * hostile body passes authentication and reaches the parser, as from a client that holds real keys), or with
 * whatever Authorization the caller forges. Answers the status, or -1 when no answer came in time. Thread-safe.
 */
final class SignedRequests {

    static final String JSON = "application/x-amz-json-1.1";
    static final String CBOR = "application/x-amz-cbor-1.1";

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsIdentity credentials;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SignedRequests(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
    }

    /** Signed for {@code service} with the given secret (a wrong secret or service makes a forged request). */
    int send(String action, String contentType, byte[] body, String service, AwsCredentialsIdentity as) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", contentType)
                .putHeader("X-Amz-Target", "Kinesis_20131202." + action)
                .build();
        SdkHttpRequest signed = signer.sign(r -> r.identity(as).request(unsigned)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) { // the client sets Host itself, to the same value
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return send(request.build());
    }

    int send(String action, String contentType, byte[] body) {
        return send(action, contentType, body, "kinesis", credentials);
    }

    /** Without any Authorization header. */
    int sendUnsigned(String action, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-Amz-Target", "Kinesis_20131202." + action)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    AwsCredentialsIdentity credentials() {
        return credentials;
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException unanswered) {
            return -1;
        } catch (java.io.IOException closed) {
            return 0; // the server closed the connection: an answer of a kind, for a body it refuses to read
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
