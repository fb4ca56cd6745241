package io.sluice.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A JSON 1.1 call without an SDK, for requests the SDKs cannot make in a plain call. */
final class RawKinesis implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A parsed answer: status, {@code __type} and the message (empty for successes; {@code Message} in a
     * SerializationException, {@code message} in every other error).
     */
    record Answer(int status, String type, String message, JsonNode body) {
    }

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RawKinesis(URI endpoint) {
        this.endpoint = endpoint;
    }

    Answer call(String action, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .header("X-Amz-Target", "Kinesis_20131202." + action)
                            .header("X-Amz-Date", "20261125T000000Z")
                            .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDRAW/20261125/us-east-1/kinesis/"
                                    + "aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            String message = json.has("Message") ? json.path("Message").asText() : json.path("message").asText();
            return new Answer(response.statusCode(), json.path("__type").asText(), message, json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient releases its connections when unreachable (close() is Java 21+)
    }
}
