package io.sluice.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few Connect REST calls the quickstart makes; any answer other than 2xx is an error with the worker's words. */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRest(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(TIMEOUT).GET().build());
    }

    JsonNode put(String path, Map<String, String> body) {
        try {
            return send(HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unserialisable request body for " + path, e);
        }
    }

    /** The connector's state and each task's, e.g. {@code RUNNING [RUNNING]}; fails if any of them FAILED. */
    String awaitRunning(String connector, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            try {
                status = get("/connectors/" + connector + "/status");
            } catch (IllegalStateException notYetKnown) {
                Thread.sleep(100);
                continue;
            }
            for (JsonNode task : status.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    throw new IllegalStateException(connector + " task " + task.path("id").asText() + " failed: "
                            + task.path("trace").asText());
                }
            }
            if ("FAILED".equals(status.path("connector").path("state").asText())) {
                throw new IllegalStateException(connector + " failed: " + status.path("connector").path("trace").asText());
            }
            if ("RUNNING".equals(status.path("connector").path("state").asText()) && !status.path("tasks").isEmpty()
                    && allRunning(status.path("tasks"))) {
                return "RUNNING, " + status.path("tasks").size() + " task(s) RUNNING";
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(connector + " was not RUNNING within " + timeout + ": " + status);
    }

    private static boolean allRunning(JsonNode tasks) {
        for (JsonNode task : tasks) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + body.path("message").asText(response.body()));
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
