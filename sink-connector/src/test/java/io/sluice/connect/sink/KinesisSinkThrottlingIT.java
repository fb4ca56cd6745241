package io.sluice.connect.sink;

import static io.sluice.connect.sink.SinkItSupport.committedTotal;
import static io.sluice.connect.sink.SinkItSupport.createConnector;
import static io.sluice.connect.sink.SinkItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.KafkaConnectExtension;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A transfer into one shard with Kinesis's write limits on (1000 records/s, 1 MiB/s): the connector is throttled
 * and backs off, yet every record arrives, once, in order per key.
 */
class KinesisSinkThrottlingIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();
    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().build();

    private static final int RECORDS = 5000;
    private static final int KEYS = 100;

    @Test
    void completesThroughThrottlingWithNothingLostOrReorderedPerKey() throws Exception {
        String name = "throttled";
        KAFKA.topics().create("burst", 3);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        String padding = "x".repeat(600);
        for (int i = 0; i < RECORDS; i++) {
            String key = "key-" + (i % KEYS);
            String value = key + "#" + i + "#" + padding; // 3 MB in all: three seconds of one shard's write limit
            records.add(new ProducerRecord<>("burst", key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
            expected.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        try (ManagedKinesisClient managed = SinkItSupport.kinesis(SLUICE)) {
            KinesisClient kinesis = managed.client();
            kinesis.createStream(r -> r.streamName("burst").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("burst"));
            KAFKA.topics().produce(records);
            createConnector(KAFKA.connect(), name, sinkConfig(SLUICE, "burst", "burst",
                    "kinesis.put.retry.backoff.ms", "50", "kinesis.put.retry.backoff.max.ms", "1000"));

            await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(
                    committedTotal(KAFKA.bootstrapServers(), name)).isEqualTo(RECORDS));

            StreamTail tail = new StreamTail(kinesis, "burst");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                    .ignoreException(ProvisionedThroughputExceededException.class)
                    .until(tail::poll, n -> n >= RECORDS);
            Map<String, List<String>> written = tail.records().stream().collect(Collectors.groupingBy(
                    Record::partitionKey, LinkedHashMap::new, Collectors.mapping(r -> r.data().asUtf8String(),
                            Collectors.toList())));
            assertThat(tail.count()).as("no duplicates").isEqualTo(RECORDS);
            assertThat(written).as("every record, in order per key").isEqualTo(expected);
            assertThat(throttledRecords(name)).as("Kinesis throttled the transfer").isPositive();
        }
    }

    private static double throttledRecords(String connector) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return (Double) server.getAttribute(new ObjectName("kafka.connect:type=plugins,connector=" + connector
                + ",task=0"), "throttled-total");
    }
}
