package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the kit really starts a broker and a Connect worker: records round-trip and the REST API answers. */
class KafkaConnectExtensionIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();

    @Test
    void producedRecordsAreConsumedByteForByteInPartitionOrder() {
        KAFKA.topics().create("kit-roundtrip", 3);
        List<ProducerRecord<byte[], byte[]>> sent = IntStream.range(0, 30)
                .mapToObj(i -> new ProducerRecord<>("kit-roundtrip", i % 3,
                        bytes("key-" + (i % 3)), bytes("value-" + i)))
                .toList();

        KAFKA.topics().produce(sent);
        List<ConsumerRecord<byte[], byte[]>> received =
                KAFKA.topics().consume("kit-roundtrip", 30, Duration.ofSeconds(30));

        assertThat(received).hasSize(30);
        for (int partition = 0; partition < 3; partition++) {
            int p = partition;
            List<String> values = new ArrayList<>();
            received.stream().filter(r -> r.partition() == p).forEach(r -> values.add(text(r.value())));
            List<String> expected = IntStream.range(0, 30).filter(i -> i % 3 == p).mapToObj(i -> "value-" + i).toList();
            assertThat(values).as("partition %d keeps send order", p).isEqualTo(expected);
            assertThat(received.stream().filter(r -> r.partition() == p).map(r -> text(r.key())))
                    .containsOnly("key-" + p);
        }
    }

    @Test
    void consumeReturnsWhatArrivedWhenTheBoundPasses() {
        KAFKA.topics().create("kit-short", 1);
        KAFKA.topics().produce(List.of(new ProducerRecord<>("kit-short", bytes("k"), bytes("only"))));

        List<ConsumerRecord<byte[], byte[]>> received =
                KAFKA.topics().consume("kit-short", 5, Duration.ofSeconds(2));

        assertThat(received).extracting(r -> text(r.value())).containsExactly("only");
    }

    @Test
    void workerRootReportsTheKafkaVersionAndClusterId() {
        ConnectRestClient.Response root = KAFKA.connect().get("/");

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body().path("version").asText()).isEqualTo("4.3.1");
        assertThat(root.body().path("kafka_cluster_id").asText()).isNotBlank();
    }

    @Test
    void workerListsPluginsFoundThroughServiceLoaderManifests() {
        ConnectRestClient.Response plugins = KAFKA.connect().get("/connector-plugins?connectorsOnly=false");

        assertThat(plugins.status()).isEqualTo(200);
        List<String> classes = new ArrayList<>();
        for (JsonNode plugin : plugins.body()) {
            classes.add(plugin.path("class").asText());
        }
        assertThat(classes).contains("org.apache.kafka.connect.converters.ByteArrayConverter");
    }

    @Test
    void unknownConnectorAnswers404WithAMessage() {
        ConnectRestClient.Response missing = KAFKA.connect().get("/connectors/no-such-connector");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("message").asText()).contains("no-such-connector");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
