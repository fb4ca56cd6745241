package io.sluice.bench.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * People looking at a stream in the console, as the page does it: each viewer asks for the stream page every 2 s and
 * for its newest records every second, sending back the positions it was given. Counts the calls answered; a call
 * that is not a 200 stops the run (a benchmark of failing calls measures nothing).
 */
final class ConsoleViewers implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong calls = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Exception failure;

    ConsoleViewers(URI admin, String stream, int viewers) {
        for (int i = 0; i < viewers; i++) {
            Thread viewer = new Thread(() -> view(admin.resolve("/console/api/"), stream), "console-viewer-" + i);
            viewer.setDaemon(true);
            viewer.start();
            threads.add(viewer);
        }
    }

    long calls() {
        if (failure != null) {
            throw new IllegalStateException("a console call failed", failure);
        }
        return calls.get();
    }

    private void view(URI api, String stream) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(api.resolve("session")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = session.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
            String csrf = JSON.readTree(session.body()).path("csrf").asText();
            ObjectNode after = JSON.createObjectNode();
            for (long second = 0; running.get(); second++) {
                long started = System.nanoTime();
                if (second % 2 == 0) {
                    call(http, HttpRequest.newBuilder(api.resolve("stream?name=" + stream)).header("Cookie", cookie)
                            .build());
                }
                ObjectNode tail = JSON.createObjectNode().put("stream", stream);
                tail.set("after", after);
                JsonNode page = JSON.readTree(call(http, HttpRequest.newBuilder(api.resolve("tail"))
                        .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(tail.toString())).build()));
                after = (ObjectNode) page.path("after");
                long sleepMs = 1000 - (System.nanoTime() - started) / 1_000_000;
                if (sleepMs > 0) {
                    Thread.sleep(sleepMs);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (running.get()) {
                failure = e;
            }
        }
    }

    private String call(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        calls.incrementAndGet();
        return response.body();
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
