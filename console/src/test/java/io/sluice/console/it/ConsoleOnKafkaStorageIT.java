package io.sluice.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The console of a server that keeps its streams in Kafka ({@code --storage kafka}, a KRaft broker in this JVM): the
 * streams page, the newest records, the playground on them and a split through the console's action, as on local
 * storage — the console reads through the engine, never the storage.
 */
class ConsoleOnKafkaStorageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedKafkaCluster kafka;
    private static Path dataDir;
    private static SluiceServer server;
    private static URI api;
    private static String cookie;
    private static String csrf;

    @BeforeAll
    static void start() throws Exception {
        Properties broker = new Properties();
        broker.put("offsets.topic.replication.factor", "1");
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        dataDir = Files.createTempDirectory("console-kafka-");
        server = SluiceServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dataDir)
                .withAdmin("127.0.0.1", 0)
                .withStorage(new StorageSettings(StorageSettings.Kind.KAFKA, kafka.bootstrapServers(), 1,
                        StorageSettings.LOCAL.kafkaTopicPrefix(), Map.of())));
        api = URI.create(server.adminEndpoint().orElseThrow() + "/console/api/");
        HttpResponse<String> session = HTTP.send(HttpRequest.newBuilder(api.resolve("session")).build(),
                HttpResponse.BodyHandlers.ofString());
        cookie = session.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        csrf = JSON.readTree(session.body()).path("csrf").asText();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (kafka != null) {
                kafka.stop();
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void showsTailsPreviewsAndSplitsAStreamKeptInKafka() throws Exception {
        try (KinesisClient kinesis = Traffic.client(server.endpoint(), "AKIDEXAMPLE", "secret")) {
            kinesis.createStream(r -> r.streamName("InKafka").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("InKafka"));
            List<PutRecordsRequestEntry> people = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                people.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                        .data(SdkBytes.fromString(Traffic.person(i), StandardCharsets.UTF_8)).build());
            }
            assertThat(kinesis.putRecords(r -> r.streamName("InKafka").records(people)).failedRecordCount()).isZero();
        }

        assertThat(get("streams").path("streams").findValuesAsText("name")).contains("InKafka");
        JsonNode tail = post("tail", "{\"stream\":\"InKafka\",\"after\":{}}");
        assertThat(tail.path("records")).hasSize(20);
        assertThat(tail.path("records").get(19).path("data").asText()).isEqualTo(Traffic.person(19));
        String seed = Files.readString(Path.of("../config/pump/anderson-filter.sql"));
        JsonNode pump = post("pump", JSON.createObjectNode().put("sql", seed).put("stream", "InKafka").put("limit", 20)
                .toString());
        assertThat(pump.path("passed")).hasSize(10); // the even ones are men
        assertThat(pump.path("filtered")).hasSize(10);

        post("kinesis/SplitShard", "{\"StreamName\":\"InKafka\",\"ShardToSplit\":\"shardId-000000000000\","
                + "\"NewStartingHashKey\":\"170141183460469231731687303715884105728\"}");
        JsonNode shards = get("stream?name=InKafka").path("shards");
        assertThat(shards).hasSize(3);
        assertThat(shards.get(0).path("open").asBoolean()).isFalse();
        assertThat(shards.get(1).path("parents").get(0).asText()).isEqualTo("shardId-000000000000");
    }

    private static JsonNode get(String call) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(call)).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String call, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(call)).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
