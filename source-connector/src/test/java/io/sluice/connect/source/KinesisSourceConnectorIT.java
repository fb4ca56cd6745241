package io.sluice.connect.source;

import static io.sluice.connect.source.TestStreams.expectedPerKey;
import static io.sluice.connect.source.TestStreams.perKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.connect.common.kpl.KplAggregation.Aggregator;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.ConnectRestClient.Response;
import io.sluice.testkit.KafkaConnectExtension;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The connector on a real Connect worker (at-least-once mode), reading a real Sluice server on loopback: transfer,
 * stop and resume, offsets altered and reset through the REST API, resharding, plugin metrics over JMX.
 */
class KinesisSourceConnectorIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    /** Kinesis's per-shard limits, as the server enforces them by default. */
    @RegisterExtension
    static final SluiceServerExtension LIMITED = SluiceServerExtension.builder().build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANDERSON_SQL = """
            CREATE OR REPLACE STREAM "AndersonStream" (name VARCHAR(50), age INTEGER, gender VARCHAR(4), score  INTEGER, job VARCHAR(50));
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "AndersonStream"
            SELECT STREAM "name", "age", "gender", "score", "job"
            FROM "SOURCE_SQL_STREAM_001"
            WHERE "gender" SIMILAR TO 'M';
            """;

    private static TestStreams streams;
    private static TestConnectors connectors;

    @BeforeAll
    static void clients() {
        streams = new TestStreams(SLUICE.endpoint());
        connectors = new TestConnectors(KAFKA.connect(), KAFKA.topics());
    }

    @AfterAll
    static void closeClients() {
        streams.close();
    }

    @Test
    void transfersEveryRecordOfFourShardsOnceInOrderPerKeyWithHeadersAndMetrics() throws Exception {
        streams.create("transfer", 4);
        KAFKA.topics().create("kinesis-transfer", 3);
        streams.putNumbered("transfer", 20, 50);
        Map<String, String> config = streams.connectorConfig("transfer", "kinesis-${stream}");
        connectors.create("transfer", config);

        List<ConsumerRecord<byte[], byte[]>> records = connectors.readExactly("kinesis-transfer", 1000, false);

        assertThat(perKey(records)).as("every record once, in order per key").isEqualTo(expectedPerKey(20, 50));
        ConsumerRecord<byte[], byte[]> first = records.get(0);
        String key = new String(first.key(), StandardCharsets.UTF_8);
        assertThat(TestStreams.value(first)).startsWith(key + ":");
        assertThat(header(first, "kinesis.stream")).isEqualTo("transfer");
        assertThat(header(first, "kinesis.partition.key")).isEqualTo(key);
        assertThat(header(first, "kinesis.shard.id")).matches("shardId-00000000000[0-3]");
        assertThat(header(first, "kinesis.sequence.number")).matches("\\d{1,128}");
        assertThat(Long.parseLong(header(first, "kinesis.approximate.arrival.time")))
                .as("the Kafka timestamp is the approximate arrival time").isEqualTo(first.timestamp());
        Set<String> shards = new TreeSet<>();
        records.forEach(r -> shards.add(header(r, "kinesis.shard.id")));
        assertThat(shards).as("all four shards were read").hasSize(4);

        // KIP-877 plugin metrics, exposed by the in-process worker over JMX, one MBean per shard.
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<ObjectName> names = jmx.queryNames(
                    new ObjectName("kafka.connect:type=plugins,connector=transfer,stream=transfer,*"), null);
            assertThat(names).as("per-shard MBeans").hasSize(4);
            double total = 0;
            for (ObjectName name : names) {
                total += (Double) jmx.getAttribute(name, "records-total");
                assertThat((Long) jmx.getAttribute(name, "millis-behind-latest")).as("%s", name)
                        .isGreaterThanOrEqualTo(0L);
            }
            assertThat(total).as("records-total summed over the shards").isEqualTo(1000.0);
        });
        connectors.delete("transfer");
    }

    @Test
    void theShardPartitionerPutsEachShardInOrderIntoOnePartition() {
        streams.create("by-shard", 2);
        KAFKA.topics().create("by-shard", 2);
        streams.putNumbered("by-shard", 10, 10);
        Map<String, String> config = streams.connectorConfig("by-shard", "by-shard");
        config.put("kafka.partitioner", "shard");
        config.put("kafka.topic.partitions", "2");
        connectors.create("by-shard", config);

        List<ConsumerRecord<byte[], byte[]>> records = connectors.readExactly("by-shard", 100, false);
        Map<Integer, List<BigInteger>> sequencesPerPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            int shardNumber = Integer.parseInt(header(record, "kinesis.shard.id").substring("shardId-".length()));
            assertThat(record.partition()).as("partition of a record of shard %s", shardNumber)
                    .isEqualTo(shardNumber);
            sequencesPerPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                    .add(new BigInteger(header(record, "kinesis.sequence.number")));
        }
        assertThat(sequencesPerPartition).hasSize(2);
        sequencesPerPartition.values().forEach(sequences ->
                assertThat(sequences).as("shard order").isSorted().doesNotHaveDuplicates());
        connectors.delete("by-shard");
    }

    @Test
    void stopAndResumeContinuesWithoutLossOrDuplicates() {
        streams.create("resume", 2);
        KAFKA.topics().create("resume", 2);
        streams.putNumbered("resume", 4, 25);
        connectors.create("resume", streams.connectorConfig("resume", "resume"));
        connectors.readExactly("resume", 100, false);

        connectors.stop("resume");
        streams.putNumbered("resume", 4, 25);
        connectors.resume("resume");

        assertThat(perKey(connectors.readExactly("resume", 200, false))).isEqualTo(expectedPerKey(4, 50));
        connectors.delete("resume");
    }

    @Test
    void offsetsAlteredAndResetThroughTheRestApiTakeEffect() {
        streams.create("offsets", 2);
        KAFKA.topics().create("offsets", 2);
        streams.putNumbered("offsets", 4, 25);
        connectors.create("offsets", streams.connectorConfig("offsets", "offsets"));
        List<ConsumerRecord<byte[], byte[]>> firstRun = connectors.readExactly("offsets", 100, false);

        // Reset: every shard starts again at kinesis.position (TRIM_HORIZON), so all 100 come again.
        connectors.stop("offsets");
        Response offsets = KAFKA.connect().get("/connectors/offsets/offsets");
        assertThat(offsets.body().path("offsets").size()).as("%s", offsets.body()).isEqualTo(2);
        Response reset = KAFKA.connect().delete("/connectors/offsets/offsets");
        assertThat(reset.status()).as("%s", reset.body()).isEqualTo(200);
        connectors.resume("offsets");
        List<ConsumerRecord<byte[], byte[]>> afterReset = connectors.readExactly("offsets", 200, false);
        Map<String, List<Integer>> twice = expectedPerKey(4, 25);
        twice.values().forEach(numbers -> numbers.addAll(List.copyOf(numbers)));
        assertThat(perKey(afterReset)).isEqualTo(twice);

        // Alter: move one shard back to the 10th record read from it; exactly the records after it come again.
        ConsumerRecord<byte[], byte[]> pivot = firstRun.stream()
                .filter(r -> header(r, "kinesis.shard.id").equals("shardId-000000000000")).toList().get(9);
        BigInteger pivotSequence = new BigInteger(header(pivot, "kinesis.sequence.number"));
        long again = firstRun.stream()
                .filter(r -> header(r, "kinesis.shard.id").equals("shardId-000000000000"))
                .filter(r -> new BigInteger(header(r, "kinesis.sequence.number")).compareTo(pivotSequence) > 0)
                .count();
        connectors.stop("offsets");
        Response altered = KAFKA.connect().patch("/connectors/offsets/offsets",
                offsetsBody("offsets", "shardId-000000000000", "\"sequence.number\": \"" + pivotSequence + "\""));
        assertThat(altered.status()).as("%s", altered.body()).isEqualTo(200);
        connectors.resume("offsets");
        List<ConsumerRecord<byte[], byte[]>> afterAlter = connectors.readExactly("offsets", 200 + (int) again, false);
        Map<String, Long> timesRead = afterAlter.stream().collect(Collectors.groupingBy(
                r -> header(r, "kinesis.shard.id") + "/" + header(r, "kinesis.sequence.number"),
                Collectors.counting()));
        for (ConsumerRecord<byte[], byte[]> record : firstRun) {
            boolean afterPivot = header(record, "kinesis.shard.id").equals("shardId-000000000000")
                    && new BigInteger(header(record, "kinesis.sequence.number")).compareTo(pivotSequence) > 0;
            assertThat(timesRead.get(header(record, "kinesis.shard.id") + "/"
                    + header(record, "kinesis.sequence.number")))
                    .as("times %s was read: 3 after the altered position, else 2", TestStreams.value(record))
                    .isEqualTo(afterPivot ? 3L : 2L);
        }
        connectors.delete("offsets");
    }

    @Test
    void rejectsMalformedOffsetsWithTheProblemNamed() {
        streams.create("bad-offsets", 1);
        KAFKA.topics().create("bad-offsets", 1);
        connectors.create("bad-offsets", streams.connectorConfig("bad-offsets", "bad-offsets"));
        connectors.stop("bad-offsets");

        Response response = KAFKA.connect().patch("/connectors/bad-offsets/offsets", offsetsBody("bad-offsets",
                "shardId-000000000000", "\"sequence.number\": \"49abc\", \"position\": 3"));

        // Connect answers 400 only for its own BadRequestException, which plugins cannot throw; the message is ours.
        assertThat(response.status()).as("%s", response.body()).isEqualTo(500);
        assertThat(response.body().path("message").asText()).isEqualTo("Invalid offset for source partition "
                + "{stream=bad-offsets, shard=shardId-000000000000}: unknown offset key 'position' (the keys are "
                + "sequence.number and, inside a KPL aggregate, sub.sequence.number); sequence.number must be a "
                + "string of 1 to 128 digits (a Kinesis sequence number), got '49abc'");
        connectors.delete("bad-offsets");
    }

    @Test
    void keepsPerKeyOrderAcrossASplitAndAMergeDuringTheTransfer() {
        streams.create("reshard", 2);
        KAFKA.topics().create("reshard", 3);
        connectors.create("reshard", streams.connectorConfig("reshard", "reshard"));
        streams.putNumbered("reshard", 16, 12);

        List<Shard> split = streams.splitFirstShard("reshard");
        streams.putNumbered("reshard", 16, 12);
        streams.merge("reshard", split.get(1), split.get(2));
        streams.putNumbered("reshard", 16, 12);

        List<ConsumerRecord<byte[], byte[]>> records = connectors.readExactly("reshard", 576, false);
        assertThat(perKey(records)).as("per key: every record once, in order across split and merge")
                .isEqualTo(expectedPerKey(16, 36));
        Set<String> shards = new TreeSet<>();
        records.forEach(r -> shards.add(header(r, "kinesis.shard.id")));
        assertThat(shards).as("parents, split children and the merged shard were all read").hasSize(5);
        connectors.delete("reshard");
    }

    @Test
    void survivesAServerRestartWithoutLossOrDuplicates(@TempDir Path dataDir) {
        ServerConfig settings = ServerConfig.defaults().withHost("127.0.0.1").withDataDir(dataDir).withLimits(false);
        SluiceServer server = SluiceServer.start(settings.withPort(0));
        int port = server.endpoint().getPort();
        try (TestStreams own = new TestStreams(server.endpoint())) {
            own.create("restarted", 2);
            KAFKA.topics().create("server-restart", 2);
            own.putNumbered("restarted", 4, 25);
            Map<String, String> config = own.connectorConfig("restarted", "server-restart");
            config.put("kinesis.throughput.exceeded.backoff.ms", "200");
            connectors.create("server-restart", config);
            connectors.readExactly("server-restart", 100, false);

            server.close();
            server = SluiceServer.start(settings.withPort(port));
            own.putNumbered("restarted", 4, 25);

            assertThat(perKey(connectors.readExactly("server-restart", 200, false)))
                    .as("the tasks kept their positions through the outage").isEqualTo(expectedPerKey(4, 50));
            connectors.awaitState("server-restart", "RUNNING");
            connectors.delete("server-restart");
        } finally {
            server.close();
        }
    }

    @Test
    void readsEveryStreamMatchingTheRegexIntoItsOwnTopic() {
        for (String stream : List.of("regex-a", "regex-b", "other-c")) {
            streams.create(stream, 1);
            KAFKA.topics().create("kinesis-" + stream, 1);
            streams.putNumbered(stream, 2, 10);
        }
        Map<String, String> config = streams.connectorConfig("unused", "kinesis-${stream}");
        config.remove("kinesis.stream");
        config.put("kinesis.stream.regex", "regex-.*");
        connectors.create("regex", config);

        assertThat(perKey(connectors.readExactly("kinesis-regex-a", 20, false))).isEqualTo(expectedPerKey(2, 10));
        assertThat(perKey(connectors.readExactly("kinesis-regex-b", 20, false))).isEqualTo(expectedPerKey(2, 10));
        assertThat(KAFKA.topics().consume("kinesis-other-c", 1, Duration.ofSeconds(2))).as("not matched").isEmpty();
        connectors.delete("regex");
    }

    @Test
    void startsAtTheConfiguredTimestamp() {
        streams.create("timed", 1);
        KAFKA.topics().create("timed", 1);
        streams.putNumbered("timed", 2, 10);
        Instant start = Instant.now().plusMillis(5);
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(start));
        streams.putNumbered("timed", 2, 10);
        Map<String, String> config = streams.connectorConfig("timed", "timed");
        config.put("kinesis.position", "AT_TIMESTAMP");
        config.put("kinesis.shard.timestamp", start.toString());
        connectors.create("timed", config);

        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("pk-0", IntStream.rangeClosed(11, 20).boxed().toList());
        expected.put("pk-1", IntStream.rangeClosed(11, 20).boxed().toList());
        assertThat(perKey(connectors.readExactly("timed", 20, false))).as("only the records after the timestamp")
                .isEqualTo(expected);
        connectors.delete("timed");
    }

    /**
     * A committed position the shard does not have: Sluice, like Kinesis, refuses an iterator after a sequence number
     * of another stream with InvalidArgumentException, as Kinesis does for one past the trim horizon.
     */
    @Test
    void continuesFromTheTrimHorizonWhenThePositionIsGoneOrFailsIfConfigured() throws Exception {
        streams.create("trimmed", 1);
        streams.create("trimmed-elsewhere", 1);
        KAFKA.topics().create("trimmed", 1);
        streams.putNumbered("trimmed", 2, 10);
        String foreign = streams.kinesis().putRecord(r -> r.streamName("trimmed-elsewhere").partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))).sequenceNumber();
        Map<String, String> config = streams.connectorConfig("trimmed", "trimmed");
        connectors.create("trimmed", config);
        connectors.readExactly("trimmed", 20, false);

        connectors.stop("trimmed");
        Response altered = KAFKA.connect().patch("/connectors/trimmed/offsets",
                offsetsBody("trimmed", "shardId-000000000000", "\"sequence.number\": \"" + foreign + "\""));
        assertThat(altered.status()).as("%s", altered.body()).isEqualTo(200);
        connectors.resume("trimmed");
        assertThat(perKey(connectors.readExactly("trimmed", 40, false))).as("read again from the trim horizon")
                .isEqualTo(Map.of("pk-0", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                        "pk-1", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(
                new ObjectName("kafka.connect:type=plugins,connector=trimmed,stream=trimmed,*"), null);
        assertThat(names).hasSize(1);
        assertThat(jmx.getAttribute(names.iterator().next(), "trimmed-position-resets-total")).isEqualTo(1.0);

        connectors.stop("trimmed");
        config.put("kinesis.position.trimmed.action", "fail");
        assertThat(KAFKA.connect().put("/connectors/trimmed/config", config).status()).isEqualTo(200);
        assertThat(KAFKA.connect().patch("/connectors/trimmed/offsets", offsetsBody("trimmed",
                "shardId-000000000000", "\"sequence.number\": \"" + foreign + "\"")).status()).isEqualTo(200);
        assertThat(KAFKA.connect().put("/connectors/trimmed/resume", "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode task = KAFKA.connect().get("/connectors/trimmed/status").body().path("tasks").path(0);
            assertThat(task.path("state").asText()).isEqualTo("FAILED");
            assertThat(task.path("trace").asText()).contains("org.apache.kafka.connect.errors.ConnectException: "
                    + "Shard trimmed/shardId-000000000000 cannot resume after sequence number " + foreign
                    + ": StartingSequenceNumber " + foreign + " used in GetShardIterator on shard "
                    + "shardId-000000000000 in stream trimmed under account ")
                    .contains(" is invalid because it did not come from this stream. The position is probably "
                    + "older than the shard's trim horizon; set kinesis.position.trimmed.action=continue to read on "
                    + "from the trim horizon, or alter the connector's offsets");
        });
        connectors.delete("trimmed");
    }

    @Test
    void dropsWhatThePumpFiltersAndTypesTheRestAsTheDestinationStream() throws Exception {
        streams.create("people", 2);
        KAFKA.topics().create("anderson", 1);
        List<PutRecordsRequestEntry> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String json = "{\"name\":\"p" + i + "\",\"age\":" + (20 + i) + ",\"gender\":\"" + (i % 2 == 0 ? "M" : "F")
                    + "\",\"score\":" + (i * 10) + ",\"job\":\"job" + i + "\"}";
            people.add(PutRecordsRequestEntry.builder().partitionKey("p" + i).data(SdkBytes.fromUtf8String(json))
                    .build());
        }
        streams.putAll("people", people);
        Map<String, String> config = streams.connectorConfig("people", "anderson");
        config.put("kafka.value.format", "json");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("transforms", "pump");
        config.put("transforms.pump.type", "io.sluice.pump.PumpTransform$Value");
        config.put("transforms.pump.pump.sql", ANDERSON_SQL);
        connectors.create("people", config);

        List<ConsumerRecord<byte[], byte[]>> records = connectors.readExactly("anderson", 20, false);

        JsonNode first = JSON.readTree(records.get(0).value());
        assertThat(first.path("schema").path("name").asText()).isEqualTo("AndersonStream");
        List<String> fields = new ArrayList<>();
        first.path("schema").path("fields").forEach(f -> fields.add(f.path("field").asText() + ":"
                + f.path("type").asText()));
        assertThat(fields).containsExactly("NAME:string", "AGE:int32", "GENDER:string", "SCORE:int32",
                "JOB:string");
        Set<String> names = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode payload = JSON.readTree(record.value()).path("payload");
            assertThat(payload.path("GENDER").asText()).isEqualTo("M");
            int i = Integer.parseInt(payload.path("NAME").asText().substring(1));
            assertThat(payload.path("AGE").asInt()).isEqualTo(20 + i);
            assertThat(payload.path("SCORE").asInt()).isEqualTo(i * 10);
            assertThat(payload.path("JOB").asText()).isEqualTo("job" + i);
            names.add(payload.path("NAME").asText());
        }
        assertThat(names).as("the 20 rows with gender M, each once").hasSize(20);
        connectors.delete("people");
    }

    @Test
    void deaggregatesKplRecordsAndResumesInsideAnAggregate() {
        streams.create("kpl", 1);
        KAFKA.topics().create("kpl", 1);
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(new UserRecord("user-" + i, ("user record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        Aggregator aggregator = new Aggregator();
        users.forEach(aggregator::add);
        byte[] aggregate = aggregator.drain().data();
        byte[] broken = aggregate.clone();
        broken[broken.length - 1] ^= 0x01; // the MD5 no longer matches
        streams.putAll("kpl", List.of(
                PutRecordsRequestEntry.builder().partitionKey("agg").data(SdkBytes.fromByteArray(aggregate)).build(),
                PutRecordsRequestEntry.builder().partitionKey("bad").data(SdkBytes.fromByteArray(broken)).build()));
        Map<String, String> config = streams.connectorConfig("kpl", "kpl");
        config.put("kinesis.deaggregation.enabled", "true");
        config.put("kafka.value.format", "string");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        connectors.create("kpl", config);

        List<ConsumerRecord<byte[], byte[]>> records = connectors.readExactly("kpl", 6, false);
        assertThat(records.subList(0, 5)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("user-0", "user-1", "user-2", "user-3", "user-4");
        assertThat(records.subList(0, 5)).extracting(TestStreams::value)
                .containsExactly("user record 0", "user record 1", "user record 2", "user record 3",
                        "user record 4");
        assertThat(records.get(5).key()).isEqualTo("bad".getBytes(StandardCharsets.UTF_8));
        assertThat(records.get(5).value()).as("a broken aggregate passes whole")
                .isEqualTo(new String(broken, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        assertThat(header(records.get(2), "kinesis.sub.sequence.number")).isEqualTo("2");

        // Back to "user record 2 of the aggregate done": 3 and 4 come again, then the broken one.
        connectors.stop("kpl");
        Response altered = KAFKA.connect().patch("/connectors/kpl/offsets", offsetsBody("kpl",
                "shardId-000000000000", "\"sequence.number\": \"" + header(records.get(0), "kinesis.sequence.number")
                        + "\", \"sub.sequence.number\": 2"));
        assertThat(altered.status()).as("%s", altered.body()).isEqualTo(200);
        connectors.resume("kpl");
        List<ConsumerRecord<byte[], byte[]>> again = connectors.readExactly("kpl", 9, false);
        assertThat(again.subList(6, 9)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("user-3", "user-4", "bad");
        connectors.delete("kpl");
    }

    @Test
    void transfersThreeMegabytesThroughOneThrottledShard() {
        try (TestStreams limited = new TestStreams(LIMITED.endpoint())) {
            limited.create("throttled", 1);
            KAFKA.topics().create("throttled", 3);
            String padding = "x".repeat(1000);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            Set<String> values = new HashSet<>();
            for (int i = 0; i < 3000; i++) {
                String value = i + ":" + padding;
                values.add(value);
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + (i % 50))
                        .data(SdkBytes.fromUtf8String(value)).build());
            }
            connectors.create("throttled", limited.connectorConfig("throttled", "throttled"));
            limited.putAll("throttled", entries);

            List<ConsumerRecord<byte[], byte[]>> records = connectors.readExactly("throttled", 3000, false);
            assertThat(records.stream().map(TestStreams::value).collect(Collectors.toSet()))
                    .as("every record, none twice (the count above is exact)").isEqualTo(values);
            connectors.delete("throttled");
        }
    }

    @Test
    void validationNamesTheKeyAndTheProblem() {
        Map<String, String> valid = streams.connectorConfig("validated", "kinesis-${stream}");
        valid.put("name", "validated");
        streams.create("validated", 1);
        JsonNode validation = validate(valid);
        assertThat(validation.path("error_count").asInt()).as("a valid config: %s", validation).isZero();

        Map<String, String> noStream = new HashMap<>(valid);
        noStream.remove("kinesis.stream");
        assertThat(errorsOf(validate(noStream), "kinesis.stream")).containsExactly("kinesis.stream is required: "
                + "set it to the stream to read (or a comma-separated list), or set kinesis.stream.regex to a "
                + "pattern of stream names");

        assertThat(errorsOf(validate(with(valid, "kinesis.position", "AT_TIMESTAMP")), "kinesis.shard.timestamp"))
                .containsExactly("kinesis.shard.timestamp is required when kinesis.position=AT_TIMESTAMP: set it "
                        + "to an ISO-8601 instant such as 2024-01-31T10:00:00Z, or to epoch milliseconds");
        assertThat(errorsOf(validate(with(valid, "kinesis.position", "EARLIEST")), "kinesis.position"))
                .containsExactly("Invalid value EARLIEST for configuration kinesis.position: must be one of "
                        + "TRIM_HORIZON, LATEST, AT_TIMESTAMP");
        assertThat(errorsOf(validate(with(valid, "kinesis.shard.timestamp", "yesterday")),
                "kinesis.shard.timestamp")).containsExactly("Invalid value yesterday for configuration "
                + "kinesis.shard.timestamp: must be an ISO-8601 instant such as 2024-01-31T10:00:00Z, or epoch "
                + "milliseconds");

        Map<String, String> regex = with(valid, "kinesis.stream.regex", "(orders");
        regex.remove("kinesis.stream");
        assertThat(errorsOf(validate(regex), "kinesis.stream.regex")).containsExactly("Invalid value (orders for "
                + "configuration kinesis.stream.regex: must be a Java regular expression: Unclosed group near "
                + "index 7");
        assertThat(errorsOf(validate(with(valid, "kinesis.stream.regex", "orders-.*")), "kinesis.stream.regex"))
                .containsExactly("kinesis.stream and kinesis.stream.regex are both set: set only one of them");
        assertThat(errorsOf(validate(with(with(valid, "kinesis.stream", "a,b"), "kafka.topic", "all")),
                "kafka.topic")).containsExactly("kafka.topic must contain ${stream} when several streams are read "
                + "(kinesis.stream lists 2), so each stream gets its own topic: use e.g. kinesis-${stream}");
        assertThat(errorsOf(validate(with(valid, "kinesis.record.limit", "many")), "kinesis.record.limit"))
                .containsExactly("Invalid value many for configuration kinesis.record.limit: Not a number of type "
                        + "INT");
        assertThat(errorsOf(validate(with(valid, "kinesis.record.limit", "0")), "kinesis.record.limit"))
                .containsExactly("Invalid value 0 for configuration kinesis.record.limit: Value must be at least 1");

        assertThat(errorsOf(validate(with(valid, "kinesis.stream", "nope")), "kinesis.stream"))
                .containsExactly("Stream 'nope' does not exist at " + SLUICE.endpoint() + ": create it, or correct "
                        + "kinesis.stream");
        List<String> unreachable = errorsOf(validate(with(valid, "kinesis.base.url", "http://127.0.0.1:1")),
                "kinesis.base.url");
        assertThat(unreachable).hasSize(1);
        // The middle is the HTTP client's own words for the refused connection.
        assertThat(unreachable.get(0)).startsWith("Cannot reach Kinesis at http://127.0.0.1:1: ")
                .contains("Connection refused")
                .endsWith("; check kinesis.base.url and that the server is running");
    }

    private static JsonNode validate(Map<String, String> config) {
        Response response = KAFKA.connect().put("/connector-plugins/KinesisSourceConnector/config/validate",
                config);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> copy = new HashMap<>(config);
        copy.put(key, value);
        return copy;
    }

    /**
     * A PATCH /offsets body as a user writes it. The partition's keys come in the connector's order, stream then
     * shard: Connect matches offsets by the partition's serialized bytes.
     */
    private static String offsetsBody(String stream, String shard, String offsetFields) {
        return "{\"offsets\": [{\"partition\": {\"stream\": \"" + stream + "\", \"shard\": \"" + shard
                + "\"}, \"offset\": {" + offsetFields + "}}]}";
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    static List<String> errorsOf(JsonNode validation, String key) {
        for (JsonNode config : validation.path("configs")) {
            if (config.path("value").path("name").asText().equals(key)) {
                List<String> errors = new ArrayList<>();
                config.path("value").path("errors").forEach(e -> errors.add(e.asText()));
                return errors;
            }
        }
        throw new AssertionError("No key " + key + " in " + validation);
    }
}
