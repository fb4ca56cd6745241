package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.server.ServerConfig.AuthMode;
import io.sluice.server.auth.TestSigner;
import io.sluice.server.auth.TestSigner.Signed;
import io.sluice.server.protocol.RequestProcessor;
import io.sluice.server.testing.SluiceServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hardening #13.6: requests signed by hand (with the AWS SDK's signer, then spoiled in one respect) and sent over
 * HTTP to a {@code --auth sigv4} server. A correctly signed one passes, in both forms; one signed for another
 * service, region or algorithm, naming a header it does not send, leaving its payload unsigned, or presigned and
 * expired or dated ahead, is refused with AWS's error type and the exact message. No signature reaches the log.
 */
class SigV4SignatureIT {

    private static final Path AUTH_CONFIG = Path.of("..", "config", "server", "auth.json");
    private static final String BODY = "{\"Limit\": 1}";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String AMZ_DATE_PATTERN = "\\d{8}T\\d{6}Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> logLines = new CopyOnWriteArrayList<>();
    private static final List<String> signaturesSent = new CopyOnWriteArrayList<>();
    private static AbstractAppender capture;
    private static SluiceServerExtension server;
    private static HttpClient http;

    private record Answer(int status, String type, String message) {
    }

    @BeforeAll
    static void start() {
        capture = new AbstractAppender("captured-sigv4", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logLines.add(event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        Configurator.setLevel(RequestProcessor.class.getName(), Level.INFO);
        server = SluiceServerExtension.builder()
                .configure(config -> config.withAuth(AuthMode.SIGV4, AUTH_CONFIG)).start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        Configurator.setLevel(RequestProcessor.class.getName(), Level.WARN);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(capture.getName());
        context.updateLoggers();
        capture.stop();
    }

    @Test
    void aCorrectlySignedRequestPassesInBothForms() throws Exception {
        assertThat(send(admin().sign(endpoint(), "ListStreams", BODY)).status()).isEqualTo(200);
        assertThat(send(admin().presigned(Duration.ofMinutes(5)).sign(endpoint(), "ListStreams", BODY)).status())
                .isEqualTo(200);
    }

    @Test
    void aSignatureForAnotherServiceIsRefused() throws Exception {
        assertRefused(send(admin().service("s3").sign(endpoint(), "ListStreams", BODY)),
                "InvalidSignatureException", "Credential should be scoped to correct service: 'kinesis', not 's3'.");
    }

    @Test
    void aSignatureForAnotherRegionIsRefused() throws Exception {
        assertRefused(send(admin().region("eu-west-1").sign(endpoint(), "ListStreams", BODY)), "InvalidSignatureException",
                "Credential should be scoped to a valid region, not 'eu-west-1'. This server's region is 'us-east-1'.");
    }

    @Test
    void aSignatureWithAnotherAlgorithmIsRefused() throws Exception {
        Signed signed = admin().sign(endpoint(), "ListStreams", BODY);
        Signed sha512 = signed.withHeader("authorization",
                signed.header("authorization").replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"));

        assertRefused(send(sha512), "IncompleteSignatureException",
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'. Sign with AWS4-HMAC-SHA256.");
    }

    @Test
    void aSignedHeaderMissingFromTheRequestIsRefused() throws Exception {
        Signed signed = admin().header("X-Amz-Meta-Note", "signed, then not sent").sign(endpoint(), "ListStreams", BODY);

        assertRefused(send(signed.withoutHeader("x-amz-meta-note")), "InvalidSignatureException",
                "SignedHeaders names 'x-amz-meta-note', but the request has no such header. Sign only the headers you send.");
    }

    @Test
    void anUnsignedPayloadIsRefused() throws Exception {
        // The SDK signs UNSIGNED-PAYLOAD only for an https URI; the Host it signs is the same.
        URI https = URI.create("https://" + endpoint().getAuthority() + "/");
        Signed signed = admin().unsignedPayload().sign(https, "ListStreams", BODY);
        assertThat(signed.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");

        assertRefused(send(signed), "IncompleteSignatureException", "x-amz-content-sha256 'UNSIGNED-PAYLOAD' is not "
                + "accepted: Kinesis requests sign their payload. Send the hex SHA-256 of the body, or leave the header out.");
    }

    @Test
    void anExpiredPresignedUrlIsRefused() throws Exception {
        Instant signedAt = Instant.now().minus(Duration.ofHours(2));
        Answer answer = send(admin().at(signedAt).presigned(Duration.ofHours(1)).sign(endpoint(), "ListStreams", BODY));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("InvalidSignatureException");
        assertThat(answer.message()).matches("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
                + AMZ_DATE_PATTERN + " \\(" + AMZ_DATE_PATTERN + " - 3600 sec.\\)");
    }

    @Test
    void aPresignedUrlDatedAheadIsRefused() throws Exception {
        Instant signedAt = Instant.now().plus(Duration.ofMinutes(30));
        Answer answer = send(admin().at(signedAt).presigned(Duration.ofHours(1)).sign(endpoint(), "ListStreams", BODY));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("InvalidSignatureException");
        assertThat(answer.message()).matches("Signature not yet current: " + AMZ_DATE.format(signedAt)
                + " is still later than " + AMZ_DATE_PATTERN + " \\(" + AMZ_DATE_PATTERN + " \\+ 15 min.\\)");
    }

    @Test
    void aMalformedHeaderIsAnsweredWithoutEchoingItsSignatureAndNothingLogsOne() throws Exception {
        Signed signed = admin().sign(endpoint(), "ListStreams", BODY);
        String spoiled = signed.header("authorization").replace("Signature=", "Signature ");

        Answer answer = send(signed.withHeader("authorization", spoiled));

        assertThat(answer.type()).isEqualTo("IncompleteSignatureException");
        assertThat(answer.message()).startsWith("'Signature' not a valid key=value pair (missing equal-sign) in "
                + "Authorization header: '").endsWith(", Signature <redacted>'.");
        assertThat(logLines).as("refusals are logged").anyMatch(line -> line.contains("IncompleteSignatureException"));
        assertThat(signaturesSent).isNotEmpty().allSatisfy(signature ->
                assertThat(logLines).noneMatch(line -> line.contains(signature)));
    }

    private static TestSigner admin() {
        return TestSigner.as("AKIASLUICEADMIN00001", "change-me-admin-secret");
    }

    private static URI endpoint() {
        return URI.create(server.server().endpoint() + "/");
    }

    private static void assertRefused(Answer answer, String type, String message) {
        assertThat(answer.message()).isEqualTo(message);
        assertThat(answer.type()).isEqualTo(type);
        assertThat(answer.status()).isEqualTo(400);
    }

    private static Answer send(Signed signed) throws Exception {
        String authorization = signed.header("authorization");
        String signature = authorization != null ? authorization.replaceAll(".*Signature[= ]", "")
                : signed.uri().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        signaturesSent.add(signature);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.server().endpoint() + signed.uri()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach((name, value) -> {
            if (!name.equals("host")) { // the client sends the same Host itself, and may not be told to
                request.header(name, value);
            }
        });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        return new Answer(response.statusCode(), body.path("__type").asText(), body.path("message").asText());
    }
}
