package io.sluice.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Runs the quickstart once (free ports, fresh data directory, the plugin unpacked from the Confluent Hub archive)
 * and checks what it reported against what the topic and the streams actually hold; then uses its worker to show
 * the plugin came from the package and that every example connector configuration in {@code config/} validates.
 */
class QuickstartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config");
    private static final Path PLUGIN_PATH = Path.of("target", "plugin");

    private static Quickstart quickstart;
    private static String narration;
    private static KinesisClient kinesis;

    @BeforeAll
    static void runTheQuickstart() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        quickstart = Quickstart.run(QuickstartOptions.parse("--free-ports", "--plugin-path", PLUGIN_PATH.toString(),
                "--config-dir", CONFIG.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
        narration = out.toString(StandardCharsets.UTF_8);
        kinesis = KinesisClient.builder().endpointOverride(quickstart.kinesisEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Test
    void summaryMatchesWhatTheStreamsAndTheTopicHold() throws IOException, InterruptedException {
        Summary summary = quickstart.summary();
        List<JsonNode> put = data(Streams.readAll(kinesis, "AndersonStream"));
        List<JsonNode> men = put.stream().filter(p -> p.path("gender").asText().equals("M")).toList();
        List<JsonNode> landed = data(Streams.readAll(kinesis, "AndersonMales"));

        assertThat(put).hasSize(QuickstartOptions.DEFAULT_PEOPLE);
        assertThat(summary.put()).isEqualTo(QuickstartOptions.DEFAULT_PEOPLE);
        assertThat(summary.passed()).isEqualTo(men.size());
        assertThat(summary.filteredOut()).isEqualTo(put.size() - men.size());
        assertThat(summary.landed()).isEqualTo(landed.size());
        assertThat(men).as("the seeded fake people include both genders").isNotEmpty().hasSizeLessThan(put.size());
        List<JsonNode> menAsRows = men.stream().map(QuickstartIT::asAndersonStreamRow).toList();
        assertThat(landed).as("the men, in order, as rows of the pump's stream").isEqualTo(menAsRows);
        assertThat(narration).contains(String.format("Summary: put %d, passed the pump %d, filtered out %d, landed %d",
                put.size(), men.size(), put.size() - men.size(), landed.size()));
    }

    @Test
    void theWebConsoleShowsBothStreamsOfTheRun() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(quickstart.console().resolve("api/session"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = session.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        JsonNode streams = JSON.readTree(http.send(HttpRequest.newBuilder(quickstart.console().resolve("api/streams"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body());

        List<String> names = new ArrayList<>();
        streams.path("streams").forEach(stream -> names.add(stream.path("name").asText()));
        assertThat(names).contains("AndersonStream", "AndersonMales");
        assertThat(narration).contains("web console at " + quickstart.console());
    }

    @Test
    void topicHoldsOnlyTheMenTypedAsThePumpsDestinationStream() {
        List<JsonNode> onTopic = TopicReader.read(quickstart.bootstrapServers(), "anderson-males",
                quickstart.summary().passed() + 1, Duration.ofSeconds(5));

        assertThat(onTopic).hasSize(quickstart.summary().passed());
        for (JsonNode record : onTopic) {
            JsonNode schema = record.path("schema");
            assertThat(schema.path("name").asText()).isEqualTo("AndersonStream");
            List<String> fields = new ArrayList<>();
            schema.path("fields").forEach(f -> fields.add(f.path("field").asText() + ":" + f.path("type").asText()));
            // CREATE STREAM's column names are unquoted, so SQL upper-cases them, as KDA does.
            assertThat(fields).containsExactly("NAME:string", "AGE:int32", "GENDER:string", "SCORE:int32", "JOB:string");
            assertThat(record.path("payload").path("GENDER").asText()).isEqualTo("M");
        }
    }

    @Test
    void workerLoadsThePluginFromThePackageNotFromTheClassPath() {
        assertThatThrownBy(() -> Class.forName("io.sluice.connect.source.KinesisSourceConnector"))
                .as("the connectors are not on this JVM's class path")
                .isInstanceOf(ClassNotFoundException.class);
        Map<String, String> versions = new HashMap<>();
        for (JsonNode plugin : new ConnectRest(quickstart.connectUrl()).get("/connector-plugins?connectorsOnly=false")) {
            versions.put(plugin.path("class").asText(), plugin.path("version").asText());
        }
        String version = System.getProperty("sluice.version", "0.1.0-SNAPSHOT");
        assertThat(versions)
                .containsEntry("io.sluice.connect.source.KinesisSourceConnector", version)
                .containsEntry("io.sluice.connect.sink.KinesisSinkConnector", version)
                .containsEntry("io.sluice.pump.PumpTransform$Value", version);
    }

    @Test
    void everyExampleConnectorConfigurationValidates() throws IOException {
        ConnectRest connect = new ConnectRest(quickstart.connectUrl());
        List<Path> examples;
        try (Stream<Path> files = Files.list(CONFIG.resolve("connect"))) {
            examples = files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".properties"))
                    .sorted().toList();
        }
        int validated = 0;
        for (Path example : examples) {
            Optional<Map<String, String>> config = connectorConfig(example);
            if (config.isEmpty()) {
                continue; // a worker configuration
            }
            Map<String, String> pointed = new HashMap<>(config.get());
            pointed.put("kinesis.base.url", quickstart.kinesisEndpoint().toString());
            pointed.computeIfPresent("transforms.pump.pump.sql.file",
                    (k, v) -> CONFIG.getParent().resolve(v).toAbsolutePath().normalize().toString());
            String connectorClass = pointed.get("connector.class");
            JsonNode result = connect.put("/connector-plugins/" + connectorClass + "/config/validate", pointed);
            assertThat(result.path("error_count").asInt()).as("%s: %s", example, errors(result)).isZero();
            validated++;
        }
        assertThat(validated).as("connector examples found in %s", CONFIG.resolve("connect")).isEqualTo(4);
    }

    private static Optional<Map<String, String>> connectorConfig(Path example) throws IOException {
        Map<String, String> config = new HashMap<>();
        if (example.toString().endsWith(".json")) {
            JsonNode body = JSON.readTree(example.toFile());
            body.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
            config.put("name", body.path("name").asText()); // POST /connectors takes it beside the config
        } else {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(example)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
        }
        return config.containsKey("connector.class") ? Optional.of(config) : Optional.empty();
    }

    private static List<String> errors(JsonNode validation) {
        List<String> errors = new ArrayList<>();
        for (JsonNode config : validation.path("configs")) {
            for (JsonNode error : config.path("value").path("errors")) {
                errors.add(config.path("value").path("name").asText() + ": " + error.asText());
            }
        }
        return errors;
    }

    private static List<JsonNode> data(List<Record> records) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        for (Record record : records) {
            values.add(JSON.readTree(record.data().asUtf8String()));
        }
        return values;
    }

    /** A person as the pump's AndersonStream row: the stream's columns (upper-case names), without {@code i}. */
    private static JsonNode asAndersonStreamRow(JsonNode person) {
        ObjectNode row = JSON.createObjectNode();
        for (String column : List.of("name", "age", "gender", "score", "job")) {
            row.set(column.toUpperCase(Locale.ROOT), person.get(column));
        }
        return row;
    }
}
