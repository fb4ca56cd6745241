package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the child-process worker really dies on {@code killWorker()} and that its replacement takes over the
 * connectors it ran, with a real connector (Kafka's FileStreamSource) on the worker.
 */
class ChildProcessWorkerIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().workerInChildProcess().build();

    @TempDir
    Path dir;

    @Test
    void aKilledWorkersConnectorRunsAgainOnItsReplacementAndLosesNothing() throws IOException {
        Path input = dir.resolve("lines.txt");
        append(input, 0, 50);
        KAFKA.topics().create("file-lines", 1);
        ConnectRestClient.Response created = KAFKA.connect().put("/connectors/file-source/config", Map.of(
                "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max", "1",
                "file", input.toString(),
                "topic", "file-lines",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        assertThat(KAFKA.topics().consume("file-lines", 50, Duration.ofSeconds(60))).hasSize(50);

        KAFKA.killWorker();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(KAFKA.connectUrl().resolve("/")).build(),
                HttpResponse.BodyHandlers.discarding()))
                .as("nothing answers on the REST port once the worker is killed")
                .isInstanceOf(ConnectException.class);
        append(input, 50, 100);
        KAFKA.startWorker();

        // At least once: the replacement re-reads from the last flushed offset, so lines may repeat; wait for all.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(lines())
                .as("every line, at least once, after the restart")
                .containsAll(IntStream.range(0, 100).mapToObj(i -> "line-" + i).toList()));
    }

    private static Set<String> lines() {
        return KAFKA.topics().consume("file-lines", 1_000, Duration.ofSeconds(2)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }

    private static void append(Path file, int from, int to) throws IOException {
        String text = IntStream.range(from, to).mapToObj(i -> "line-" + i + "\n").collect(Collectors.joining());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
