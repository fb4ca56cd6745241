package io.sluice.connect.source;

import static io.sluice.connect.source.TestStreams.expectedPerKey;
import static io.sluice.connect.source.TestStreams.perKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.ConnectRestClient.Response;
import io.sluice.testkit.KafkaConnectExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The source connector with {@code kinesis.fanout.mode=enhanced}: records pushed by SubscribeToShard through a
 * registered stream consumer, on a real Connect worker against a real Sluice server — a transfer, a split and a
 * merge during it, a switch between modes that keeps the position, and the consumer name checked at validation.
 */
class EnhancedFanOutIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

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

    private static Map<String, String> enhanced(String stream, String topic) {
        Map<String, String> config = streams.connectorConfig(stream, topic);
        config.put("kinesis.fanout.mode", "enhanced");
        return config;
    }

    @Test
    void transfersEveryRecordOnceInOrderPerKeyThroughItsOwnConsumer() {
        streams.create("pushed", 4);
        KAFKA.topics().create("pushed", 3);
        streams.putNumbered("pushed", 20, 25);
        connectors.create("pushed", enhanced("pushed", "pushed"));
        connectors.readExactly("pushed", 500, false);
        streams.putNumbered("pushed", 20, 25); // pushed as they are written

        assertThat(perKey(connectors.readExactly("pushed", 1000, false))).isEqualTo(expectedPerKey(20, 50));
        String streamArn = streams.kinesis().describeStreamSummary(r -> r.streamName("pushed"))
                .streamDescriptionSummary().streamARN();
        assertThat(streams.kinesis().listStreamConsumers(r -> r.streamARN(streamArn)).consumers())
                .extracting(Consumer::consumerName).as("registered under the connector's name").containsExactly("pushed");
        connectors.delete("pushed");
    }

    @Test
    void keepsPerKeyOrderAcrossASplitAndAMergeDuringTheTransfer() {
        streams.create("reshard-efo", 2);
        KAFKA.topics().create("reshard-efo", 3);
        connectors.create("reshard-efo", enhanced("reshard-efo", "reshard-efo"));
        streams.putNumbered("reshard-efo", 16, 12);

        List<Shard> split = streams.splitFirstShard("reshard-efo");
        streams.putNumbered("reshard-efo", 16, 12);
        streams.merge("reshard-efo", split.get(1), split.get(2));
        streams.putNumbered("reshard-efo", 16, 12);

        List<ConsumerRecord<byte[], byte[]>> records = connectors.readExactly("reshard-efo", 576, false);
        assertThat(perKey(records)).as("per key: every record once, in order across split and merge")
                .isEqualTo(expectedPerKey(16, 36));
        Set<String> shards = new TreeSet<>();
        records.forEach(r -> shards.add(new String(r.headers().lastHeader("kinesis.shard.id").value())));
        assertThat(shards).as("parents, split children and the merged shard were all read").hasSize(5);
        connectors.delete("reshard-efo");
    }

    @Test
    void switchingBetweenSharedAndEnhancedKeepsThePosition() {
        streams.create("switched", 2);
        KAFKA.topics().create("switched", 2);
        streams.putNumbered("switched", 4, 25);
        connectors.create("switched", streams.connectorConfig("switched", "switched"));
        connectors.readExactly("switched", 100, false);

        // Deleted and created again under the same name, a connector finds its committed offsets.
        connectors.delete("switched");
        streams.putNumbered("switched", 4, 25);
        connectors.create("switched", enhanced("switched", "switched"));
        connectors.readExactly("switched", 200, false);

        connectors.delete("switched");
        streams.putNumbered("switched", 4, 25);
        connectors.create("switched", streams.connectorConfig("switched", "switched"));

        assertThat(perKey(connectors.readExactly("switched", 300, false))).isEqualTo(expectedPerKey(4, 75));
        connectors.delete("switched");
    }

    @Test
    void validationNamesTheConsumerNameKey() {
        streams.create("named", 1);
        Map<String, String> config = enhanced("named", "named");
        config.put("name", "named");
        config.put("kinesis.fanout.consumer.name", "no spaces allowed");
        assertThat(KinesisSourceConnectorIT.errorsOf(validate(config), "kinesis.fanout.consumer.name"))
                .containsExactly("Invalid value no spaces allowed for configuration kinesis.fanout.consumer.name: "
                        + "a consumer name has 1 to 128 letters, digits, _ . or -");

        config.remove("kinesis.fanout.consumer.name");
        config.put("name", "my connector");
        assertThat(KinesisSourceConnectorIT.errorsOf(validate(config), "kinesis.fanout.consumer.name"))
                .containsExactly("kinesis.fanout.consumer.name is required when kinesis.fanout.mode=enhanced and "
                        + "the connector's name 'my connector' is not a valid consumer name (letters, digits, _ . - "
                        + "only, at most 128): set it to one");
    }

    private static JsonNode validate(Map<String, String> config) {
        Response response = KAFKA.connect().put("/connector-plugins/KinesisSourceConnector/config/validate", config);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }
}
