package io.sluice.connect.sink;

import static io.sluice.connect.sink.SinkItSupport.committedTotal;
import static io.sluice.connect.sink.SinkItSupport.createConnector;
import static io.sluice.connect.sink.SinkItSupport.sinkConfig;
import static io.sluice.connect.sink.SinkItSupport.taskState;
import static io.sluice.connect.sink.SinkItSupport.taskTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.kpl.KplAggregation;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.ConnectRestClient;
import io.sluice.testkit.KafkaConnectExtension;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The sink connector on a real Connect worker and KRaft broker, writing to a real Sluice server (limits off):
 * transfer, order and content; templates, auto-create and explicit hash keys; structs, field keys and
 * aggregation; the dead-letter queue; failures; validation; metrics.
 */
class KinesisSinkIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();
    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(90);

    private static ManagedKinesisClient managed;
    private static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        managed = SinkItSupport.kinesis(SLUICE);
        kinesis = managed.client();
    }

    @AfterAll
    static void closeClient() {
        managed.close();
    }

    private static ConnectRestClient connect() {
        return KAFKA.connect();
    }

    private static void createStream(String name, int shards) {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(name));
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, Integer partition, String key, byte[] value) {
        return new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deliversEveryRecordOfSeveralPartitionsByteForByteInOrderPerKeyAndCommitsItsOffsets() {
        String name = "transfer";
        KAFKA.topics().create("orders", 4);
        createStream("orders", 4);
        Random random = new Random(7);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            String key = "customer-" + random.nextInt(40);
            byte[] value = new byte[1 + random.nextInt(300)];
            random.nextBytes(value); // arbitrary bytes, mostly not UTF-8: they must arrive unchanged
            records.add(record("orders", null, key, value));
            expected.computeIfAbsent(key, k -> new ArrayList<>()).add(Base64.getEncoder().encodeToString(value));
            if (i % 200 == 0) {
                records.add(record("orders", null, key, null)); // a tombstone, skipped by default
            }
        }
        KAFKA.topics().produce(records);
        createConnector(connect(), name, sinkConfig(SLUICE, "orders", "orders", "tasks.max", "2"));

        List<Record> written = await().atMost(TRANSFER_TIMEOUT).until(
                () -> StreamReader.readAllFlat(kinesis, "orders"), r -> r.size() >= 2000);

        Map<String, List<String>> actual = written.stream().collect(Collectors.groupingBy(Record::partitionKey,
                LinkedHashMap::new, Collectors.mapping(r -> Base64.getEncoder().encodeToString(r.data().asByteArray()),
                        Collectors.toList())));
        assertThat(written).as("exactly the 2000 non-tombstone records").hasSize(2000);
        assertThat(actual).as("every key's records, in the order produced, byte for byte").isEqualTo(expected);
        await().atMost(TRANSFER_TIMEOUT).untilAsserted(() -> assertThat(committedTotal(KAFKA.bootstrapServers(), name))
                .as("offsets committed past every record, tombstones included").isEqualTo(records.size()));

        Map<String, Double> metrics = taskMetrics(name);
        assertThat(metrics.get("records-sent-total")).isEqualTo(2000.0);
        assertThat(metrics.get("batch-size-max")).isBetween(2.0, 500.0);
        assertThat(metrics.get("dlq-records-total")).isEqualTo(0.0);
        connect().delete("/connectors/" + name);
    }

    /** The sink's metrics of every task of {@code connector}, summed, by attribute name, as JMX shows them. */
    private static Map<String, Double> taskMetrics(String connector) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Double> sums = new HashMap<>();
        Set<String> present = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sums.clear();
            present.clear();
            for (ObjectName name : server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null)) {
                if (!connector.equals(name.getKeyProperty("connector"))) {
                    continue;
                }
                for (String attribute : SinkMetrics.NAMES) {
                    try {
                        double value = ((Number) server.getAttribute(name, attribute)).doubleValue();
                        present.add(attribute);
                        if (!Double.isNaN(value)) { // a windowed stat of a task without samples in the window
                            sums.merge(attribute, value, attribute.endsWith("-max") ? Math::max : Double::sum);
                        }
                    } catch (AttributeNotFoundException e) {
                        // another plugin's MBean of this connector (a converter, say)
                    }
                }
            }
            assertThat(present).as("the plugin metrics in JMX").containsExactlyInAnyOrderElementsOf(SinkMetrics.NAMES);
            assertThat(sums.get("records-sent-total")).isEqualTo(2000.0);
        });
        return sums;
    }

    @Test
    void createsTheStreamOfEachTopicAndSpreadsPartitionsOverShardsByExplicitHashKey() {
        String name = "template";
        KAFKA.topics().create("events", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record("events", 0, "same-key", utf8("p0-" + i)));
            records.add(record("events", 1, "same-key", utf8("p1-" + i)));
        }
        KAFKA.topics().produce(records);
        createConnector(connect(), name, sinkConfig(SLUICE, "events", "sink-${topic}",
                "kinesis.stream.auto.create", "true", "kinesis.stream.auto.create.shards", "2",
                "kinesis.explicit.hash.key", "partition", "kinesis.explicit.hash.key.partitions", "2"));

        Map<String, List<Record>> byShard = await().atMost(TRANSFER_TIMEOUT)
                .ignoreException(ResourceNotFoundException.class)
                .until(() -> StreamReader.readAll(kinesis, "sink-events"),
                        m -> m.values().stream().mapToInt(List::size).sum() >= 20);

        assertThat(kinesis.describeStreamSummary(r -> r.streamName("sink-events")).streamDescriptionSummary()
                .openShardCount()).isEqualTo(2);
        assertThat(byShard.values()).as("one key, yet partition 0 on one shard and partition 1 on the other")
                .extracting(shard -> shard.stream().map(r -> r.data().asUtf8String()).toList())
                .containsExactly(List.of("p0-0", "p0-1", "p0-2", "p0-3", "p0-4", "p0-5", "p0-6", "p0-7", "p0-8",
                        "p0-9"), List.of("p1-0", "p1-1", "p1-2", "p1-3", "p1-4", "p1-5", "p1-6", "p1-7", "p1-8",
                        "p1-9"));
        connect().delete("/connectors/" + name);
    }

    @Test
    void writesStructsAsJsonKeyedByAFieldAndAggregatesRecordsOfAKey() {
        String name = "structs";
        KAFKA.topics().create("users", 1);
        createStream("users", 1);
        String schema = "{\"type\":\"struct\",\"fields\":[{\"field\":\"user\",\"type\":\"struct\",\"fields\":"
                + "[{\"field\":\"id\",\"type\":\"string\"}]},{\"field\":\"seq\",\"type\":\"int32\"}]}";
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            String user = "u" + (i % 3);
            String payload = "{\"user\":{\"id\":\"" + user + "\"},\"seq\":" + i + "}";
            records.add(record("users", 0, null, utf8("{\"schema\":" + schema + ",\"payload\":" + payload + "}")));
            expected.computeIfAbsent(user, k -> new ArrayList<>()).add(payload);
        }
        KAFKA.topics().produce(records);
        createConnector(connect(), name, sinkConfig(SLUICE, "users", "users",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "true",
                "kinesis.partition.key.source", "field", "kinesis.partition.key.field", "user.id",
                "kinesis.aggregation.enabled", "true", "kinesis.batch.linger.ms", "1000"));

        List<Record> written = await().atMost(TRANSFER_TIMEOUT).until(() -> StreamReader.readAllFlat(kinesis, "users"),
                r -> r.stream().mapToInt(x -> deaggregate(x).size()).sum() >= 30);

        List<UserRecord> users = written.stream().flatMap(r -> deaggregate(r).stream()).toList();
        assertThat(written.size()).as("aggregated: fewer stream records than user records").isLessThan(30);
        Map<String, List<String>> byKey = users.stream().collect(Collectors.groupingBy(UserRecord::partitionKey,
                LinkedHashMap::new, Collectors.mapping(u -> new String(u.data(), StandardCharsets.UTF_8),
                        Collectors.toList())));
        assertThat(byKey).isEqualTo(expected);
        connect().delete("/connectors/" + name);
    }

    private static List<UserRecord> deaggregate(Record record) {
        return KplAggregation.decode(record.data().asByteArray(), record.partitionKey(), null)
                .records();
    }

    @Test
    void sendsRecordsItCannotWriteToTheDeadLetterQueueWithTheReasonAndWritesTheRest() {
        String name = "dlq";
        KAFKA.topics().create("mixed", 1);
        createStream("mixed", 1);
        KAFKA.topics().produce(List.of(
                record("mixed", 0, "a", utf8("first")),
                record("mixed", 0, null, utf8("keyless")),
                record("mixed", 0, "k".repeat(300), utf8("long key")),
                record("mixed", 0, "a", new byte[800_000]), // 1066670 bytes as a base64 JSON string
                record("mixed", 0, "a", null),
                record("mixed", 0, "a", utf8("last"))));
        createConnector(connect(), name, sinkConfig(SLUICE, "mixed", "mixed",
                "kinesis.record.data.format", "json", "kinesis.tombstone.behavior", "fail",
                "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "mixed-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));

        List<ConsumerRecord<byte[], byte[]>> dead = await().atMost(TRANSFER_TIMEOUT)
                .ignoreException(IllegalStateException.class) // until the worker created the topic
                .until(() -> KAFKA.topics().consume("mixed-dlq", 4, Duration.ofSeconds(2)), r -> r.size() >= 4);
        assertThat(dead).extracting(r -> header(r, "__connect.errors.exception.message")).containsExactly(
                "Record mixed-0@1: it has no key, and kinesis.partition.key.source=key takes the partition key from "
                        + "the record key",
                "Record mixed-0@2: its partition key (from the record key) has 300 characters, more than Kinesis's "
                        + "limit of 256",
                "Record mixed-0@3: its data and partition key take 1066671 bytes, more than Kinesis's limit of "
                        + "1048576 bytes (1 MiB) per record",
                "Record mixed-0@4: it is a tombstone (null value), and kinesis.tombstone.behavior=fail");
        assertThat(dead).extracting(r -> header(r, "__connect.errors.exception.class.name"))
                .containsOnly(BadRecordException.class.getName());
        List<Record> written = await().atMost(TRANSFER_TIMEOUT).until(() -> StreamReader.readAllFlat(kinesis, "mixed"),
                r -> r.size() >= 2);
        assertThat(written).extracting(r -> r.data().asUtf8String())
                .containsExactly("\"" + Base64.getEncoder().encodeToString(utf8("first")) + "\"",
                        "\"" + Base64.getEncoder().encodeToString(utf8("last")) + "\"");
        await().atMost(TRANSFER_TIMEOUT).untilAsserted(() ->
                assertThat(committedTotal(KAFKA.bootstrapServers(), name)).isEqualTo(6));
        connect().delete("/connectors/" + name);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void refusesAConnectorWhoseStreamIsMissing() {
        ConnectRestClient.Response response = connect().put("/connectors/missing/config",
                sinkConfig(SLUICE, "lost", "nowhere"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("message").asText()).isEqualTo("Connector configuration is invalid and "
                + "contains the following 1 error(s):\nStream 'nowhere' does not exist at " + SLUICE.endpoint()
                + ": create it, or set kinesis.stream.auto.create=true to have the connector create it\nYou can also "
                + "find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
    }

    @Test
    void failsTheTaskNamingAMissingStreamOfATopicAndTheSettingThatCreatesIt() {
        // validate() cannot know the topics' streams of a template, so the task finds the stream missing.
        String name = "missing-template";
        KAFKA.topics().create("lost", 1);
        createConnector(connect(), name, sinkConfig(SLUICE, "lost", "gone-${topic}"));
        await().atMost(TRANSFER_TIMEOUT).until(() -> taskState(connect(), name), "FAILED"::equals);
        assertThat(taskTrace(connect(), name)).contains("org.apache.kafka.connect.errors.ConnectException: Stream "
                + "'gone-lost' (kinesis.stream=gone-${topic} for topic lost) does not exist: create it, or set "
                + "kinesis.stream.auto.create=true to have the connector create it");
        connect().delete("/connectors/" + name);
    }

    @Test
    void failsTheTaskOnARecordItCannotWriteWhenThereIsNoDeadLetterQueue() {
        String name = "strict";
        KAFKA.topics().create("strict", 1);
        createStream("strict", 1);
        KAFKA.topics().produce(List.of(record("strict", 0, "a", utf8("ok")), record("strict", 0, "a", null)));
        createConnector(connect(), name, sinkConfig(SLUICE, "strict", "strict", "kinesis.tombstone.behavior", "fail"));
        await().atMost(TRANSFER_TIMEOUT).until(() -> taskState(connect(), name), "FAILED"::equals);
        assertThat(taskTrace(connect(), name)).contains("io.sluice.connect.sink.BadRecordException: Record "
                + "strict-0@1: it is a tombstone (null value), and kinesis.tombstone.behavior=fail");
        connect().delete("/connectors/" + name);
    }

    @Test
    void validatePutsEachErrorOnTheKeyToFix() {
        createStream("present", 1);
        assertThat(validationErrors(sinkConfig(SLUICE, "t", "present"))).isEmpty();
        assertThat(validationErrors(sinkConfig(SLUICE, "t", "present", "kinesis.partition.key.source", "field")))
                .isEqualTo(Map.of("kinesis.partition.key.field", List.of("kinesis.partition.key.field is required "
                        + "when kinesis.partition.key.source=field: set it to the path of the value field that holds "
                        + "the key, such as user.id")));
        assertThat(validationErrors(sinkConfig(SLUICE, "t", "out-${topic}-${partition}"))).isEqualTo(Map.of(
                "kinesis.stream", List.of("Invalid value out-${topic}-${partition} for configuration kinesis.stream: "
                        + "has the unknown placeholder ${partition}; the only placeholder is ${topic}")));
        assertThat(validationErrors(sinkConfig(SLUICE, "t", "absent"))).isEqualTo(Map.of("kinesis.stream", List.of(
                "Stream 'absent' does not exist at " + SLUICE.endpoint() + ": create it, or set "
                        + "kinesis.stream.auto.create=true to have the connector create it")));
        assertThat(validationErrors(sinkConfig(SLUICE, "t", "absent", "kinesis.stream.auto.create", "true")))
                .as("a stream the connector may create need not exist").isEmpty();

        Map<String, List<String>> unreachable = validationErrors(sinkConfig(SLUICE, "t", "present",
                "kinesis.base.url", "http://127.0.0.1:1"));
        assertThat(unreachable).containsOnlyKeys("kinesis.base.url");
        assertThat(unreachable.get("kinesis.base.url")).singleElement().asString()
                .startsWith("Cannot reach Kinesis at http://127.0.0.1:1: Unable to execute HTTP request")
                .contains("Connection refused");
    }

    /** Errors per key from the worker's REST validate endpoint. */
    private static Map<String, List<String>> validationErrors(Map<String, String> props) {
        Map<String, String> config = new HashMap<>(props);
        config.put("name", "validated");
        ConnectRestClient.Response response = connect().put("/connector-plugins/KinesisSinkConnector/config/validate",
                config);
        assertThat(response.status()).as("validate answers %s", response.body()).isEqualTo(200);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config0 : response.body().path("configs")) {
            JsonNode value = config0.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), messages);
            }
        }
        assertThat(response.body().path("error_count").asInt()).isEqualTo(errors.values().stream()
                .mapToInt(List::size).sum());
        return errors;
    }
}
