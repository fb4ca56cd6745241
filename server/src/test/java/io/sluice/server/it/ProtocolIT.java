package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a client that is not an AWS SDK can send: each malformed request gets the right AWS error, never a hang. */
class ProtocolIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

    private static ServerRule server;
    private static URI endpoint;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = new ServerRule(config -> config.withMaxRequestBytes(64 * 1024));
        endpoint = server.server().endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void getIsAnsweredWithAccessDenied() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertError(response, 400, "AccessDeniedException", "Unable to determine service/operation name to be authorized");
    }

    @Test
    void anUnknownTargetIsAnUnknownOperation() throws Exception {
        HttpResponse<String> response = post("Kinesis_20131202.DropEverything", "application/x-amz-json-1.1", "{}");

        assertError(response, 400, "UnknownOperationException", "Unknown operation Kinesis_20131202.DropEverything");
    }

    @Test
    void anUnsupportedContentTypeIsNamed() throws Exception {
        HttpResponse<String> response = post("Kinesis_20131202.ListStreams", "text/plain", "{}");

        assertError(response, 400, "UnknownOperationException", "Unsupported Content-Type 'text/plain'; Kinesis "
                + "accepts application/x-amz-json-1.1 and application/x-amz-cbor-1.1");
    }

    @Test
    void malformedJsonIsASerializationError() throws Exception {
        HttpResponse<String> response = post("Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", "{\"Limit\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void anEmptyBodyIsASerializationError() throws Exception {
        HttpResponse<String> response = post("Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", "");

        assertError(response, 400, "SerializationException", "The request body is empty");
    }

    @Test
    void anUnsignedRequestIsMissingItsToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertError(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
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
