package io.sluice.compat.kpl;

import static io.sluice.compat.kpl.Deliveries.assertEachOnceInStreamOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.compat.kpl.Deliveries.Delivery;
import io.sluice.compat.kpl.UserRecords.Delivered;
import io.sluice.compat.kpl.UserRecords.UserRecord;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.connect.source.KinesisSourceConnector;
import io.sluice.connect.source.KinesisSourceConnectorConfig;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.ConnectRestClient.Response;
import io.sluice.testkit.KafkaConnectExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The real KPL with aggregation on writes to a Sluice server over TLS; Sluice's source connector, de-aggregating,
 * delivers every user record into Kafka once as a record of its own: the partition key as the key, the data byte
 * for byte as the value, with the shard and sequence number the KPL reported, each key's records in stream order.
 */
class KplAggregatedToSourceConnectorIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().tls().build();

    @TempDir
    static Path trustStoreDir;

    private static JvmTrustStore trustStore;
    private static KplClients clients;

    @BeforeAll
    static void start() throws Exception {
        trustStore = JvmTrustStore.trusting(SLUICE.certificate(), trustStoreDir);
        clients = KplClients.open(SLUICE, true);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (trustStore != null) {
            trustStore.close();
        }
    }

    @Test
    void everyUserRecordReachesKafkaDeaggregatedByteForByteInStreamOrderPerKey() throws Exception {
        List<Shard> shards = clients.streams().create("kpl-aggregated", 4);
        List<UserRecord> sent = UserRecords.generate(40, 25, shards, 17);

        List<UserRecordResult> results = KplPuts.putAllSuccessfully(clients.producer(), "kpl-aggregated", sent);
        Aggregates.assertAggregated(clients.streams().readAll("kpl-aggregated").values().stream().flatMap(List::stream).toList(),
                sent.size());

        KAFKA.topics().create("kpl-aggregated", 3);
        createConnector("kpl-aggregated", "kpl-aggregated");
        List<ConsumerRecord<byte[], byte[]>> records = readExactly("kpl-aggregated", sent.size());

        List<Delivery> deliveries = records.stream().map(record -> new Delivery(
                new Delivered(new String(record.key(), StandardCharsets.UTF_8), record.value()),
                header(record, "kinesis.shard.id"),
                new BigInteger(header(record, "kinesis.sequence.number")),
                subSequenceNumber(record))).toList();
        assertEachOnceInStreamOrder(deliveries, sent, results, shards);
        assertThat(KAFKA.connect().delete("/connectors/kpl-aggregated").status()).isEqualTo(204);
    }

    /** Only user records of an aggregate carry a sub-sequence number; a plain record has its sequence number alone. */
    private static long subSequenceNumber(ConsumerRecord<byte[], byte[]> record) {
        String subSequence = header(record, "kinesis.sub.sequence.number");
        return subSequence == null ? 0 : Long.parseLong(subSequence);
    }

    private static void createConnector(String stream, String topic) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", KinesisSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.put(KinesisConnectionConfig.BASE_URL_CONFIG, SLUICE.endpoint().toString());
        config.put(KinesisConnectionConfig.REGION_CONFIG, "us-east-1");
        config.put(KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG, KplSettings.CREDENTIALS.accessKeyId());
        config.put(KinesisConnectionConfig.SECRET_KEY_CONFIG, KplSettings.CREDENTIALS.secretAccessKey());
        config.put(KinesisSourceConnectorConfig.STREAM_CONFIG, stream);
        config.put(KinesisSourceConnectorConfig.TOPIC_CONFIG, topic);
        config.put(KinesisSourceConnectorConfig.DEAGGREGATION_CONFIG, "true");
        config.put(KinesisSourceConnectorConfig.EMPTY_RECORDS_BACKOFF_MS_CONFIG, "200");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        Response response = KAFKA.connect().put("/connectors/" + stream + "/config", config);
        assertThat(response.status()).as("PUT config: %s", response.body()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Response status = KAFKA.connect().get("/connectors/" + stream + "/status");
            assertThat(status.body().path("tasks").size()).as("%s", status.body()).isPositive();
            status.body().path("tasks").forEach(task -> assertThat(task.path("state").asText())
                    .as("%s", status.body()).isEqualTo("RUNNING"));
        });
    }

    /** Reads {@code expected} records (within 90 s), then a little longer to see that none follows them. */
    private static List<ConsumerRecord<byte[], byte[]>> readExactly(String topic, int expected) {
        assertThat(KAFKA.topics().consume(topic, expected, Duration.ofSeconds(90)))
                .as("records in %s after 90 s", topic).hasSize(expected);
        List<ConsumerRecord<byte[], byte[]>> all = KAFKA.topics().consume(topic, expected + 1, Duration.ofSeconds(3));
        assertThat(all).as("records in %s, none beyond the expected", topic).hasSize(expected);
        return all;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
