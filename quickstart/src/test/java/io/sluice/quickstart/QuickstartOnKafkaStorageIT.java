package io.sluice.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quickstart with the Sluice server keeping its streams in the quickstart's own Kafka broker
 * ({@code --storage kafka}): the connectors and the pump run unchanged, and each stream is a plain topic there.
 */
class QuickstartOnKafkaStorageIT {

    @Test
    void theScenarioRunsUnchangedAndTheStreamsAreTopics() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Quickstart quickstart = Quickstart.run(QuickstartOptions.parse("--free-ports", "--storage", "kafka",
                "--plugin-path", Path.of("target", "plugin").toString(), "--config-dir", Path.of("..", "config").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            Summary summary = quickstart.summary();
            assertThat(summary.put()).isEqualTo(QuickstartOptions.DEFAULT_PEOPLE);
            assertThat(summary.passed() + summary.filteredOut()).isEqualTo(summary.put());
            assertThat(summary.passed()).isPositive();
            assertThat(summary.landed()).isEqualTo(summary.passed());
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("streams kept in Kafka as topics kinesis-<stream>");

            List<JsonNode> people = TopicReader.read(quickstart.bootstrapServers(), "kinesis-AndersonStream",
                    summary.put() + 1, Duration.ofSeconds(5));
            List<JsonNode> males = TopicReader.read(quickstart.bootstrapServers(), "kinesis-AndersonMales",
                    summary.landed() + 1, Duration.ofSeconds(5));
            assertThat(people).as("every record put, on the stream's topic").hasSize(summary.put());
            assertThat(males).as("every record the sink landed, on its stream's topic").hasSize(summary.landed())
                    .allSatisfy(row -> assertThat(row.path("GENDER").asText()).isEqualTo("M"));
        }
    }
}
