package io.sluice.connect.sink;

import static io.sluice.connect.sink.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.server.testing.SluiceServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The task driven as the worker drives it against a server with Kinesis's limits (1 000 records per second per
 * shard): a full buffer during a backoff makes {@code put} ask the worker to pause and redeliver, and what the
 * worker redelivers is neither lost nor written twice.
 */
class KinesisSinkTaskBackpressureIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().build();

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final int RECORDS = 2_500;
    private static final int POLL = 500;

    @Test
    void aFullBufferDuringABackoffMakesTheWorkerRedeliverAndNothingIsLostOrDoubled() throws Exception {
        try (ManagedKinesisClient managed = SinkItSupport.kinesis(SLUICE)) {
            KinesisClient kinesis = managed.client();
            kinesis.createStream(r -> r.streamName("narrow").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("narrow"));
            Map<String, String> props = new HashMap<>(SinkItSupport.connection(SLUICE));
            props.put(KinesisSinkConnectorConfig.STREAM_CONFIG, "narrow");
            props.put(KinesisSinkConnectorConfig.BATCH_LINGER_MS_CONFIG, "0");
            props.put(KinesisSinkConnectorConfig.PUT_RETRY_BACKOFF_MS_CONFIG, "200");
            props.put(KinesisSinkConnectorConfig.PUT_RETRIES_MAX_CONFIG, "1000");
            props.put(KinesisSinkConnectorConfig.BUFFER_MAX_BYTES_CONFIG, "50000"); // about 300 records
            TestSinkTaskContext context = new TestSinkTaskContext(false);
            KinesisSinkTask task = new KinesisSinkTask();
            task.initialize(context);
            task.start(props);
            try {
                task.open(List.of(T0));
                List<String> redeliveries = driveAsTheWorker(task, context);

                assertThat(redeliveries).as("the worker was asked to pause and redeliver").isNotEmpty()
                        .allSatisfy(message -> assertThat(message)
                                .matches("Kinesis failed or throttled records; \\d+ records wait, retrying in \\d+ ms"));
                Map<String, List<String>> written = StreamReader.readAllFlat(kinesis, "narrow").stream()
                        .map(Record::data).map(d -> d.asUtf8String())
                        .collect(Collectors.groupingBy(v -> v.substring(0, v.indexOf(':')), LinkedHashMap::new,
                                Collectors.toList()));
                assertThat(written).as("every record once, in order per key").isEqualTo(expectedPerKey());
            } finally {
                task.stop();
            }
        }
    }

    /** put() in polls of 500, the same poll again after a RetriableException, then commits until all is done. */
    private static List<String> driveAsTheWorker(KinesisSinkTask task, TestSinkTaskContext context)
            throws InterruptedException {
        List<String> redeliveries = new ArrayList<>();
        for (int from = 0; from < RECORDS; ) {
            try {
                task.put(records(from, Math.min(RECORDS, from + POLL)));
                from += POLL;
            } catch (RetriableException pause) {
                redeliveries.add(pause.getMessage());
                Thread.sleep(context.timeouts.get(context.timeouts.size() - 1));
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!task.preCommit(Map.of(T0, new OffsetAndMetadata(RECORDS))).equals(
                Map.of(T0, new OffsetAndMetadata(RECORDS))) && System.nanoTime() < deadline) {
            Thread.sleep(50); // a backoff held the last records back: the worker's next commit takes them
        }
        return redeliveries;
    }

    private static List<SinkRecord> records(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> record("t", 0, i, "key-" + (i % 400), value(i).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static String value(int i) {
        return "key-" + (i % 400) + ":" + i;
    }

    private static Map<String, List<String>> expectedPerKey() {
        return IntStream.range(0, RECORDS).mapToObj(KinesisSinkTaskBackpressureIT::value)
                .collect(Collectors.groupingBy(v -> v.substring(0, v.indexOf(':')), LinkedHashMap::new,
                        Collectors.toList()));
    }
}
