package io.sluice.connect.sink;

import static io.sluice.connect.sink.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.server.testing.SluiceServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The task driven as the worker drives it, against a real Sluice server: commits, redelivery, failures. */
class KinesisSinkTaskIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private static ManagedKinesisClient managed;
    private static KinesisClient kinesis;
    private KinesisSinkTask task;

    @BeforeAll
    static void client() {
        managed = SinkItSupport.kinesis(SLUICE);
        kinesis = managed.client();
    }

    @AfterAll
    static void closeClient() {
        managed.close();
    }

    @AfterEach
    void stopTask() {
        if (task != null) {
            task.stop();
        }
    }

    private static void createStream(String name) {
        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(name));
    }

    private KinesisSinkTask start(TestSinkTaskContext context, String stream, String... keyValues) {
        Map<String, String> props = new HashMap<>(SinkItSupport.connection(SLUICE));
        props.put(KinesisSinkConnectorConfig.STREAM_CONFIG, stream);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        task = new KinesisSinkTask();
        task.initialize(context);
        task.start(props);
        task.open(List.of(T0));
        return task;
    }

    private static List<SinkRecord> records(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> record("t", 0, i, "key-" + (i % 2), ("v" + i).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static List<String> streamData(String stream) {
        return StreamReader.readAllFlat(kinesis, stream).stream().map(r -> r.data().asUtf8String()).toList();
    }

    @Test
    void preCommitFlushesLingeringRecordsAndCommitsPastThem() {
        createStream("linger");
        TestSinkTaskContext context = new TestSinkTaskContext(false);
        start(context, "linger", "kinesis.batch.linger.ms", "60000");
        task.put(records(0, 3));

        assertThat(streamData("linger")).as("still lingering").isEmpty();
        assertThat(context.timeouts).as("the worker is asked to call again when the linger ends").singleElement()
                .satisfies(t -> assertThat(t).isBetween(59_000L, 60_000L));
        assertThat(task.preCommit(Map.of(T0, new OffsetAndMetadata(3))))
                .isEqualTo(Map.of(T0, new OffsetAndMetadata(3)));
        assertThat(streamData("linger")).containsExactly("v0", "v1", "v2");
    }

    @Test
    void doesNotQueueRecordsTheWorkerRedeliversTwice() {
        createStream("redelivered");
        start(new TestSinkTaskContext(false), "redelivered", "kinesis.batch.linger.ms", "60000");
        task.put(records(0, 3));
        task.put(records(0, 4)); // as after a RetriableException: the same batch, here with one more record
        task.preCommit(Map.of(T0, new OffsetAndMetadata(4)));
        assertThat(streamData("redelivered")).containsExactly("v0", "v1", "v2", "v3");
    }

    @Test
    void neverCommitsBeyondWhatTheWorkerCountsAsConsumed() {
        createStream("ahead");
        start(new TestSinkTaskContext(false), "ahead", "kinesis.batch.linger.ms", "0");
        task.put(records(0, 5));
        assertThat(task.preCommit(Map.of(T0, new OffsetAndMetadata(3))))
                .as("all five are acknowledged, but the worker counts only three as consumed")
                .isEqualTo(Map.of(T0, new OffsetAndMetadata(3)));
        assertThat(task.preCommit(Map.of(T0, new OffsetAndMetadata(5)))).isEqualTo(Map.of(T0, new OffsetAndMetadata(5)));
    }

    @Test
    void commitsNothingUnacknowledgedWhenTheStreamVanishesAndFailsAtTheNextPut() {
        createStream("vanishing");
        start(new TestSinkTaskContext(false), "vanishing", "kinesis.batch.linger.ms", "60000");
        task.put(records(0, 2));
        kinesis.deleteStream(r -> r.streamName("vanishing"));
        kinesis.waiter().waitUntilStreamNotExists(r -> r.streamName("vanishing"));

        assertThat(task.preCommit(Map.of(T0, new OffsetAndMetadata(2))))
                .as("the first record is not acknowledged, so nothing past it is committed")
                .isEqualTo(Map.of(T0, new OffsetAndMetadata(0)));
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("PutRecords to stream 'vanishing' was rejected: ResourceNotFoundException: ")
                .hasMessageEndingWith("; create the stream, or set kinesis.stream.auto.create=true");
    }

    @Test
    void failsToStartNamingTheMissingStreamAndTheSettingThatCreatesIt() {
        task = new KinesisSinkTask();
        task.initialize(new TestSinkTaskContext(false));
        Map<String, String> props = new HashMap<>(SinkItSupport.connection(SLUICE));
        props.put(KinesisSinkConnectorConfig.STREAM_CONFIG, "absent");
        assertThatThrownBy(() -> task.start(props)).isInstanceOf(ConnectException.class)
                .hasMessage("Stream 'absent' (kinesis.stream) does not exist: create it, or set "
                        + "kinesis.stream.auto.create=true to have the connector create it");
        task = null;
    }

    @Test
    void reportsBadRecordsAndCommitsPastThemOnceTheGoodOnesAreAcknowledged() {
        createStream("reported");
        TestSinkTaskContext context = new TestSinkTaskContext(true);
        start(context, "reported", "kinesis.batch.linger.ms", "0");
        task.put(List.of(record("t", 0, 0, "a", "good".getBytes(StandardCharsets.UTF_8)),
                record("t", 0, 1, null, "keyless".getBytes(StandardCharsets.UTF_8)),
                record("t", 0, 2, "a", "also good".getBytes(StandardCharsets.UTF_8))));

        assertThat(context.reported).singleElement().satisfies(r -> {
            assertThat(r.record().kafkaOffset()).isEqualTo(1);
            assertThat(r.error()).isInstanceOf(BadRecordException.class).hasMessage("Record t-0@1: it has no key, "
                    + "and kinesis.partition.key.source=key takes the partition key from the record key");
        });
        assertThat(task.preCommit(Map.of(T0, new OffsetAndMetadata(3))))
                .isEqualTo(Map.of(T0, new OffsetAndMetadata(3)));
        assertThat(streamData("reported")).containsExactly("good", "also good");
    }

    @Test
    void createsAMissingStreamWhenAllowed() {
        start(new TestSinkTaskContext(false), "created-on-start", "kinesis.stream.auto.create", "true",
                "kinesis.stream.auto.create.shards", "3");
        assertThat(kinesis.describeStreamSummary(r -> r.streamName("created-on-start")).streamDescriptionSummary()
                .openShardCount()).isEqualTo(3);
    }
}
