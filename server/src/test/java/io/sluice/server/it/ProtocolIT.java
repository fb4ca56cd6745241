package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sluice.server.testing.SluiceServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client that is not an AWS SDK can send: each malformed request gets the answer Amazon Kinesis gives it, byte
 * for byte, never a hang.
 */
class ProtocolIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

    private static SluiceServerExtension server;
    private static URI endpoint;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder().configure(config -> config.withMaxRequestBytes(64 * 1024)).start();
        endpoint = server.server().endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One request of the front-end table: method, Content-Type (or none), X-Amz-Target (or none), body. */
    private record Sent(String method, String contentType, String target, String body) {
        @Override
        public String toString() {
            return method + " " + contentType + " " + target + " '" + body + "'";
        }
    }

    static Stream<Arguments> frontEnd() {
        String json = "application/x-amz-json-1.1";
        String cbor = "application/x-amz-cbor-1.1";
        String listStreams = "Kinesis_20131202.ListStreams";
        String accessDenied = "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be "
                + "authorized</Message>\n</AccessDeniedException>\n";
        return Stream.of(
                // What AWS answers before it knows an API call: XML for what is not one at all ...
                Arguments.of(new Sent("GET", null, null, ""), 403, null, accessDenied),
                Arguments.of(new Sent("PUT", json, listStreams, "{}"), 403, null, accessDenied),
                Arguments.of(new Sent("DELETE", null, null, ""), 403, null, accessDenied),
                Arguments.of(new Sent("OPTIONS", null, null, ""), 403, null, accessDenied),
                Arguments.of(new Sent("POST", null, null, "{}"), 403, null, accessDenied),
                Arguments.of(new Sent("POST", "application/x-www-form-urlencoded", null, "Action=ListStreams"),
                        403, null, accessDenied),
                Arguments.of(new Sent("POST", "application/x-amz-json-1.0", "Kinesis.ListStreams", "{}"),
                        404, null, "<UnknownOperationException/>\n"),
                // ... the retired JSON 1.0 envelope for plain application/json ...
                Arguments.of(new Sent("POST", "application/json", listStreams, "{}"), 404, "application/json",
                        "{\"Output\":{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"},\"Version\":\"1.0\"}"),
                Arguments.of(new Sent("POST", "application/json", listStreams, "hello"), 400, "application/json",
                        "{\"Output\":{\"__type\":\"com.amazon.coral.service#SerializationException\"},\"Version\":\"1.0\"}"),
                // ... and bare errors, in JSON when the request said JSON 1.1, else in CBOR.
                Arguments.of(new Sent("POST", null, null, ""), 400, cbor, "{\"__type\":\"UnknownOperationException\"}"),
                Arguments.of(new Sent("POST", null, listStreams, ""), 400, cbor, "{\"__type\":\"SerializationException\"}"),
                Arguments.of(new Sent("POST", "text/plain", "Whatever", ""), 400, cbor, "{\"__type\":\"UnknownOperationException\"}"),
                Arguments.of(new Sent("POST", json, null, ""), 400, json, "{\"__type\":\"UnknownOperationException\"}"),
                Arguments.of(new Sent("POST", json, listStreams, ""), 400, json, "{\"__type\":\"SerializationException\"}"),
                Arguments.of(new Sent("POST", json, listStreams, "hello"), 400, json, "{\"__type\":\"SerializationException\"}"),
                Arguments.of(new Sent("POST", json, listStreams, "{\"Limit\": "), 400, json, "{\"__type\":\"SerializationException\"}"),
                Arguments.of(new Sent("POST", json, listStreams, "5"), 400, json, "{\"__type\":\"SerializationException\"}"),
                Arguments.of(new Sent("POST", json, null, "{}"), 400, json, "{\"__type\":\"UnknownOperationException\"}"),
                Arguments.of(new Sent("POST", json, "Kinesis_20131202.DropEverything", "{}"), 400, json,
                        "{\"__type\":\"UnknownOperationException\"}"),
                // Past the front end: SerializationException says Message, every other error message.
                Arguments.of(new Sent("POST", json, "Kinesis_20131202.CreateStream", "{\"StreamName\": 5}"), 400, json,
                        "{\"__type\":\"SerializationException\",\"Message\":\"class com.amazon.coral.value.json.numbers."
                                + "TruncatingBigNumber can not be converted to an String\"}"),
                Arguments.of(new Sent("POST", json, "Kinesis_20131202.PutRecord",
                                "{\"StreamName\": \"s\", \"PartitionKey\": \"k\", \"Data\": 12}"), 400, json,
                        "{\"__type\":\"SerializationException\",\"Message\":\"class com.amazon.coral.value.json.numbers."
                                + "TruncatingBigNumber can not be converted to a Blob\"}"),
                Arguments.of(new Sent("POST", json, "Kinesis_20131202.GetShardIterator",
                                "{\"Timestamp\": \"2026-12-05T00:00:00Z\"}"), 400, json,
                        "{\"__type\":\"SerializationException\",\"Message\":\"class java.lang.String can not be "
                                + "converted to milliseconds since epoch\"}"),
                Arguments.of(new Sent("POST", json, "Kinesis_20131202.GetShardIterator", "{\"Timestamp\": true}"), 400, json,
                        "{\"__type\":\"SerializationException\",\"Message\":\"class java.lang.Boolean can not be "
                                + "converted to milliseconds since epoch\"}"),
                Arguments.of(new Sent("POST", json, "Kinesis_20131202.DescribeStreamSummary", "{\"StreamName\": \"none\"}"),
                        400, json, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Stream none under account "
                                + "000000000000 not found.\"}"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("frontEnd")
    void answersWhatAmazonKinesisAnswers(Sent sent, int status, String contentType, String body) throws Exception {
        HttpResponse<byte[]> response = send(sent, true);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).isEqualTo(Optional.ofNullable(contentType));
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(Base64.getDecoder().decode(response.headers().firstValue("x-amz-id-2").orElseThrow())).hasSize(72);
        String text = "application/x-amz-cbor-1.1".equals(contentType)
                ? JSON.writeValueAsString(CBOR.readTree(response.body()))
                : new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(body);
    }

    @Test
    void anUnsignedRequestIsMissingItsTokenWithStatus400() throws Exception {
        HttpResponse<byte[]> response = send(new Sent("POST", "application/x-amz-json-1.1",
                "Kinesis_20131202.ListStreams", "{}"), false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void anActionWithoutOutputAnswersAnEmptyBody() throws Exception {
        HttpResponse<byte[]> created = send(new Sent("POST", "application/x-amz-json-1.1",
                "Kinesis_20131202.CreateStream", "{\"StreamName\": \"empty-answer\", \"ShardCount\": 1}"), true);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(created.body()).isEmpty();
    }

    @Test
    void aBrowsersPreflightIsAnsweredAsAwsAnswersIt() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://console.example")
                        .header("Access-Control-Request-Headers", "content-type, x-amz-target")
                        .header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type, x-amz-target");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("172800");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("x-amz-id-2")).isEmpty();
    }

    @Test
    void aBrowsersCallMayReadTheReplyHeaders() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                        .header("Origin", "https://console.example")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                        .header("X-Amz-Date", "20261125T000000Z")
                        .header("Authorization", SIGNED)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValue("x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date");
    }

    @Test
    void anOversizedBodyIsRefusedAndTheServerKeepsServing() throws Exception {
        String huge = "{\"StreamName\": \"" + "x".repeat(100 * 1024) + "\"}";

        HttpResponse<String> response = post("Kinesis_20131202.CreateStream", "application/x-amz-json-1.1", huge);
        HttpResponse<String> after = post("Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", "{}");

        assertError(response, 413, "RequestEntityTooLargeException", "Request body exceeds the limit of 65536 bytes");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            StringBuilder requests = new StringBuilder();
            for (String stream : List.of("first", "second", "third")) {
                String body = "{\"StreamName\":\"" + stream + "\"}";
                requests.append("POST / HTTP/1.1\r\nHost: ").append(endpoint.getHost()).append("\r\n")
                        .append("Content-Type: application/x-amz-json-1.1\r\n")
                        .append("X-Amz-Target: Kinesis_20131202.DescribeStreamSummary\r\n")
                        .append("X-Amz-Date: 20261125T000000Z\r\n")
                        .append("Authorization: ").append(SIGNED).append("\r\n")
                        .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
            }
            out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();

            List<String> messages = new ArrayList<>();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                messages.add(JSON.readTree(readResponseBody(in)).path("message").asText());
            }

            assertThat(messages).hasSize(3);
            assertThat(messages.get(0)).contains("first");
            assertThat(messages.get(1)).contains("second");
            assertThat(messages.get(2)).contains("third");
        }
    }

    private static HttpResponse<byte[]> send(Sent sent, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .method(sent.method(), sent.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(sent.body()));
        if (sent.contentType() != null) {
            request.header("Content-Type", sent.contentType());
        }
        if (sent.target() != null) {
            request.header("X-Amz-Target", sent.target());
        }
        if (signed) {
            request.header("X-Amz-Date", "20261125T000000Z").header("Authorization", SIGNED);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(String target, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", contentType)
                        .header("X-Amz-Target", target)
                        .header("X-Amz-Date", "20261125T000000Z")
                        .header("Authorization", SIGNED)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String message) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo(type);
        assertThat(body.path("message").asText()).isEqualTo(message);
    }

    /** Reads one HTTP/1.1 response with a Content-Length body from a raw stream and returns the body. */
    private static String readResponseBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
