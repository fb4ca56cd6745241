package io.sluice.connect.sink;

import static io.sluice.connect.sink.SinkItSupport.createConnector;
import static io.sluice.connect.sink.SinkItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.KafkaConnectExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both connectors on one worker: topic → sink → stream → source → topic gives back the same records — the same
 * keys and byte-identical values, in the same order per key, on the same partitions (both topics have three
 * partitions and the source partitions by key as the original producer did).
 */
class RoundTripIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();
    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    private static final int RECORDS = 600;
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    private static final String BYTES_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    @Test
    void topicToStreamToTopicGivesBackTheSameRecords() {
        KAFKA.topics().create("round-trip-in", 3);
        KAFKA.topics().create("round-trip-out", 3);
        try (ManagedKinesisClient kinesis = SinkItSupport.kinesis(SLUICE)) {
            kinesis.client().createStream(r -> r.streamName("round-trip").shardCount(4));
        }
        Random random = new Random(7);
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            byte[] value = new byte[1 + random.nextInt(2048)];
            random.nextBytes(value); // binary: any byte may appear
            sent.add(new ProducerRecord<>("round-trip-in", ("key-" + random.nextInt(25)).getBytes(StandardCharsets.UTF_8),
                    value));
        }
        KAFKA.topics().produce(sent);

        createConnector(KAFKA.connect(), "round-trip-sink", sinkConfig(SLUICE, "round-trip-in", "round-trip",
                "key.converter", STRING_CONVERTER, "value.converter", BYTES_CONVERTER));
        Map<String, String> source = SinkItSupport.connection(SLUICE);
        source.put("connector.class", "io.sluice.connect.source.KinesisSourceConnector");
        source.put("tasks.max", "2");
        source.put("kinesis.stream", "round-trip");
        source.put("kinesis.position", "TRIM_HORIZON");
        source.put("kafka.topic", "round-trip-out");
        source.put("key.converter", STRING_CONVERTER);
        source.put("value.converter", BYTES_CONVERTER);
        createConnector(KAFKA.connect(), "round-trip-source", source);

        List<ConsumerRecord<byte[], byte[]>> in = KAFKA.topics().consume("round-trip-in", RECORDS, Duration.ofSeconds(30));
        List<ConsumerRecord<byte[], byte[]>> out = KAFKA.topics().consume("round-trip-out", RECORDS, Duration.ofSeconds(90));
        assertThat(out).as("every record").hasSize(RECORDS);
        assertThat(KAFKA.topics().consume("round-trip-out", RECORDS + 1, Duration.ofSeconds(3)))
                .as("and no record twice").hasSize(RECORDS);
        assertThat(byKey(out)).as("per key: the same values in the same order, on the same partition")
                .isEqualTo(byKey(in));
    }

    /** key → the record's partition and value (hex), in topic order per partition. */
    private static Map<String, List<String>> byKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        List<ConsumerRecord<byte[], byte[]>> ordered = new ArrayList<>(records);
        ordered.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        for (ConsumerRecord<byte[], byte[]> record : ordered) {
            byKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(record.partition() + ":" + HexFormat.of().formatHex(record.value()));
        }
        return new HashMap<>(byKey);
    }
}
