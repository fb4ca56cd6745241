package io.sluice.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testkit.ConnectRestClient;
import io.sluice.testkit.ConnectRestClient.Response;
import io.sluice.testkit.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Connector lifecycle through the worker's REST API, and reading a topic to a known count, for the ITs. */
final class TestConnectors {

    private final ConnectRestClient connect;
    private final KafkaTopics topics;

    TestConnectors(ConnectRestClient connect, KafkaTopics topics) {
        this.connect = connect;
        this.topics = topics;
    }

    void create(String name, Map<String, String> config) {
        Response response = connect.put("/connectors/" + name + "/config", config);
        assertThat(response.status()).as("PUT config of %s: %s", name, response.body()).isIn(200, 201);
        awaitState(name, "RUNNING");
    }

    /** Waits until the connector and (unless stopped) at least one task report {@code state}. */
    void awaitState(String name, String state) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Response status = connect.get("/connectors/" + name + "/status");
            assertThat(status.status()).as("status of %s: %s", name, status.body()).isEqualTo(200);
            assertThat(status.body().path("connector").path("state").asText()).as("%s", status.body())
                    .isEqualTo(state);
            if (state.equals("STOPPED")) {
                // Stopped tasks flush their offsets as they go; altering offsets before that would be undone.
                assertThat(status.body().path("tasks").size()).as("tasks of %s: %s", name, status.body()).isZero();
            } else {
                JsonNode tasks = status.body().path("tasks");
                assertThat(tasks.size()).as("tasks of %s: %s", name, status.body()).isPositive();
                tasks.forEach(task -> assertThat(task.path("state").asText()).as("%s", status.body())
                        .isEqualTo(state));
            }
        });
    }

    void stop(String name) {
        assertThat(connect.put("/connectors/" + name + "/stop", "").status()).isEqualTo(204);
        awaitState(name, "STOPPED");
    }

    void resume(String name) {
        assertThat(connect.put("/connectors/" + name + "/resume", "").status()).isEqualTo(202);
        awaitState(name, "RUNNING");
    }

    void delete(String name) {
        assertThat(connect.delete("/connectors/" + name).status()).isEqualTo(204);
    }

    /**
     * Reads {@code topic} until {@code expected} records arrived (failing after a minute), then once more briefly
     * to catch any record beyond them; returns everything read.
     */
    List<ConsumerRecord<byte[], byte[]>> readExactly(String topic, int expected, boolean readCommitted) {
        List<ConsumerRecord<byte[], byte[]>> records =
                topics.consume(topic, expected, Duration.ofSeconds(90), readCommitted);
        assertThat(records).as("records in %s after 90 s", topic).hasSizeGreaterThanOrEqualTo(expected);
        List<ConsumerRecord<byte[], byte[]>> all =
                topics.consume(topic, expected + 1, Duration.ofSeconds(3), readCommitted);
        assertThat(all).as("records in %s, none beyond the expected", topic).hasSize(expected);
        return all;
    }
}
