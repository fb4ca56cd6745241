package io.sluice.pump;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testkit.ConnectRestClient;
import io.sluice.testkit.KafkaConnectExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump as a transform in a real Connect worker (found through its service-loader manifest): Kafka's
 * FileStreamSourceConnector reads seed-shaped JSON lines, the pump keeps the men, types the rows by the
 * destination stream, and routes the unreadable line to the error topic.
 */
class PumpTransformIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fileSourceThroughSeedPumpYieldsExactlyTheTypedMen() throws Exception {
        List<String> lines = new ArrayList<>(SeedPumpTest.resource("seed-records.jsonl").lines().toList());
        lines.add(2, "this line is not JSON");
        lines.add("{\"name\": \"Last Man\", \"age\": 12, \"gender\": \"M\", \"score\": 50, \"job\": \"Sentinel\"}");
        Path input = dir.resolve("anderson.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        KAFKA.topics().create("anderson", 1);
        KAFKA.topics().create("anderson-errors", 1);

        ConnectRestClient.Response created = KAFKA.connect().put("/connectors/anderson-file/config", Map.ofEntries(
                Map.entry("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"),
                Map.entry("tasks.max", "1"),
                Map.entry("file", input.toString()),
                Map.entry("topic", "anderson"),
                Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("value.converter.schemas.enable", "true"),
                Map.entry("transforms", "pump"),
                Map.entry("transforms.pump.type", "io.sluice.pump.PumpTransform$Value"),
                Map.entry("transforms.pump.pump.sql", SeedPumpTest.resource("seed.sql")),
                Map.entry("transforms.pump.pump.errors", "route"),
                Map.entry("transforms.pump.pump.errors.topic", "anderson-errors")));
        assertThat(created.isSuccess()).as("create connector: %s", created.body()).isTrue();

        List<ConsumerRecord<byte[], byte[]>> out = KAFKA.topics().consume("anderson", 4, Duration.ofSeconds(60));
        assertThat(out).as("rows on the topic").hasSize(4);
        List<JsonNode> payloads = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            JsonNode envelope = JSON.readTree(r.value());
            JsonNode schema = envelope.get("schema");
            assertThat(schema.get("name").asText()).isEqualTo("AndersonStream");
            assertThat(fieldTypes(schema)).containsExactly("NAME:string", "AGE:int32", "GENDER:string",
                    "SCORE:int32", "JOB:string");
            payloads.add(envelope.get("payload"));
        }
        assertThat(payloads).extracting(p -> p.toString()).containsExactly(
                "{\"NAME\":\"Michael Brown\",\"AGE\":17,\"GENDER\":\"M\",\"SCORE\":45,\"JOB\":\"Teacher\"}",
                "{\"NAME\":\"Robert Johnson\",\"AGE\":11,\"GENDER\":\"M\",\"SCORE\":65,\"JOB\":\"Programmer, multimedia\"}",
                "{\"NAME\":\"James Wilson\",\"AGE\":20,\"GENDER\":\"M\",\"SCORE\":60,\"JOB\":\"Surveyor, mining\"}",
                "{\"NAME\":\"Last Man\",\"AGE\":12,\"GENDER\":\"M\",\"SCORE\":50,\"JOB\":\"Sentinel\"}");

        List<ConsumerRecord<byte[], byte[]>> errors = KAFKA.topics().consume("anderson-errors", 1,
                Duration.ofSeconds(30));
        assertThat(errors).hasSize(1);
        JsonNode error = JSON.readTree(errors.get(0).value()).get("payload");
        assertThat(error.get("ERROR_NAME").asText()).isEqualTo("Invalid_input");
        assertThat(error.get("ERROR_LEVEL").asText()).isEqualTo("ERROR");
        assertThat(error.get("DATA_ROW").asText()).isEqualTo("this line is not JSON");
        assertThat(error.get("MESSAGE").asText()).startsWith("invalid JSON");

        assertThat(KAFKA.topics().consume("anderson", 5, Duration.ofSeconds(3)))
                .as("nothing beyond the four rows").hasSize(4);

        JsonNode plugins = KAFKA.connect().get("/connector-plugins?connectorsOnly=false").body();
        assertThat(plugins.findValuesAsText("class")).contains("io.sluice.pump.PumpTransform$Value",
                "io.sluice.pump.PumpTransform$Key");
    }

    private static List<String> fieldTypes(JsonNode schema) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : schema.get("fields")) {
            out.add(f.get("field").asText() + ":" + f.get("type").asText());
        }
        return out;
    }
}
