package io.sluice.connect.sink;

import static io.sluice.connect.sink.SinkItSupport.createConnector;
import static io.sluice.connect.sink.SinkItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.KafkaConnectExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The Connect worker killed with SIGKILL and replaced, in the middle of a transfer and right after an offset commit:
 * because the sink commits only offsets the stream acknowledged, the new worker resumes at or before the first
 * unacknowledged record, and every record ends up in the stream (at least once).
 */
class KinesisSinkWorkerKillIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().workerInChildProcess()
            // The killed worker's sink consumer never leaves its group; let the broker drop it quickly.
            .workerProperty("consumer.session.timeout.ms", "6000")
            .workerProperty("consumer.heartbeat.interval.ms", "1000")
            .build();
    /** Kinesis's write limit on one shard (1000 records/s) stretches the transfer over seconds. */
    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().build();

    private static final int RECORDS = 6000;
    private static final int TAIL_RECORDS = 300;

    @Test
    void losesNoRecordWhenTheWorkerIsKilledMidTransferOrRightAfterACommit() {
        KAFKA.topics().create("crash", 2);
        Set<String> expected = new HashSet<>();
        try (ManagedKinesisClient managed = SinkItSupport.kinesis(SLUICE)) {
            KinesisClient kinesis = managed.client();
            kinesis.createStream(r -> r.streamName("crash").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("crash"));
            KAFKA.topics().produce(records(0, RECORDS, expected));
            // A long linger keeps records waiting until the next offset commit (every second here) flushes them.
            createConnector(KAFKA.connect(), "crash", sinkConfig(SLUICE, "crash", "crash",
                    "kinesis.batch.linger.ms", "60000"));

            StreamTail tail = new StreamTail(kinesis, "crash");
            int atKill = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .ignoreException(ProvisionedThroughputExceededException.class)
                    .until(tail::poll, n -> n >= RECORDS / 2);
            KAFKA.killWorker();
            assertThat(atKill).as("killed mid-transfer").isLessThan(RECORDS);
            KAFKA.startWorker();
            awaitAll(tail, expected);

            // Fewer records than a batch, so they linger: once their offsets are committed the stream must hold
            // them, or a kill right after the commit loses them.
            KAFKA.topics().produce(records(RECORDS, RECORDS + TAIL_RECORDS, expected));
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                    SinkItSupport.committedTotal(KAFKA.bootstrapServers(), "crash")).isEqualTo(RECORDS + TAIL_RECORDS));
            KAFKA.killWorker();
            KAFKA.startWorker();
            awaitAll(tail, expected);
            assertThat(distinctValues(tail.records())).as("nothing but the records produced").isEqualTo(expected);
        }
    }

    private static List<ProducerRecord<byte[], byte[]>> records(int from, int to, Set<String> expected) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        String padding = "y".repeat(200);
        for (int i = from; i < to; i++) {
            String value = i + "#" + padding;
            records.add(new ProducerRecord<>("crash", ("key-" + (i % 50)).getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
            expected.add(value);
        }
        return records;
    }

    private static void awaitAll(StreamTail tail, Set<String> expected) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                .ignoreException(ProvisionedThroughputExceededException.class)
                .untilAsserted(() -> {
                    tail.poll();
                    assertThat(distinctValues(tail.records())).as("every record produced so far, at least once")
                            .containsAll(expected);
                });
    }

    private static Set<String> distinctValues(List<Record> records) {
        Set<String> values = new HashSet<>();
        records.forEach(r -> values.add(r.data().asUtf8String()));
        return values;
    }
}
