package io.sluice.core;

import static io.sluice.core.EngineFixture.drain;
import static io.sluice.core.EngineFixture.iterator;
import static io.sluice.core.EngineFixture.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.api.ConsumerDescription;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamDescription;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.Tag;
import io.sluice.core.meta.StreamMode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineRestartTest {

    private static final StreamRef S = StreamRef.named("s");
    private static final String S0 = "shardId-000000000000";

    @TempDir
    Path dir;

    @Test
    void reopenedEngineServesSameRecordsMetadataAndValidIterators() {
        EngineFixture fx = new EngineFixture(dir);
        byte[] payload = new byte[5000];
        new Random(7).nextBytes(payload);
        List<StreamRecord> before;
        String lastSeq;
        String iteratorBeforeRestart;
        StreamDescription described;
        try (StreamEngine engine = fx.open()) {
            engine.createStream("s", 2, null, Map.of("team", "core"));
            engine.createStream("od", null, StreamMode.ON_DEMAND, null);
            engine.increaseStreamRetentionPeriod(S, 72);
            engine.registerStreamConsumer("arn:aws:kinesis:eu-west-1:123456789012:stream/s", "app");
            engine.putRecord(new PutRecordRequest(S, "a", payload, null, null));
            put(engine, "s", "a", "second");
            engine.splitShard(S, "shardId-000000000001", "250000000000000000000000000000000000000");
            lastSeq = put(engine, "s", "a", "third").sequenceNumber();
            before = drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null));
            iteratorBeforeRestart = iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            described = engine.describeStream(S, null, null);
        }
        fx.clock.advanceMillis(60_000);
        try (StreamEngine engine = fx.open()) {
            assertThat(engine.describeStream(S, null, null)).isEqualTo(described);
            assertThat(engine.listTagsForStream(S, null, null).tags()).containsExactly(new Tag("team", "core"));
            assertThat(engine.describeStreamSummary(S).retentionPeriodHours()).isEqualTo(72);
            assertThat(engine.describeStreamSummary(StreamRef.named("od")).streamMode()).isEqualTo(StreamMode.ON_DEMAND);
            assertThat(engine.listStreamConsumers("arn:aws:kinesis:eu-west-1:123456789012:stream/s", null, null).consumers())
                    .extracting(ConsumerDescription::consumerName).containsExactly("app");
            List<StreamRecord> after = drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null));
            assertThat(after).hasSize(before.size());
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).data()).isEqualTo(before.get(i).data());
                assertThat(after.get(i).sequenceNumber()).isEqualTo(before.get(i).sequenceNumber());
                assertThat(after.get(i).approximateArrivalTimestampMs()).isEqualTo(before.get(i).approximateArrivalTimestampMs());
            }
            assertThat(after.get(0).data()).isEqualTo(payload);
            assertThat(drain(engine, iteratorBeforeRestart)).as("iterator issued before the restart").hasSize(3);
            String next = put(engine, "s", "a", "fourth").sequenceNumber();
            assertThat(new BigInteger(next)).isGreaterThan(new BigInteger(lastSeq));
        }
    }

    @Test
    void iteratorKeyIsCreatedOnceAndPersisted() throws Exception {
        EngineFixture fx = new EngineFixture(dir);
        fx.open().close();
        String key = Files.readString(dir.resolve("engine.json"));
        fx.open().close();
        assertThat(Files.readString(dir.resolve("engine.json"))).isEqualTo(key).contains("iteratorKey");
    }

    @Test
    void iteratorFromAnotherDataDirectoryIsRejected(@TempDir Path other) {
        EngineFixture a = new EngineFixture(dir);
        EngineFixture b = new EngineFixture(other);
        try (StreamEngine ea = a.open(); StreamEngine eb = b.open()) {
            ea.createStream("s", 1, null, null);
            eb.createStream("s", 1, null, null);
            String it = iterator(ea, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> eb.getRecords(it, null))
                    .isInstanceOf(io.sluice.core.error.InvalidArgumentException.class)
                    .hasMessage("Invalid ShardIterator.");
        }
    }

    @Test
    void halfCreatedStreamDirectoryWithoutMetadataIsIgnoredAndRemoved() throws Exception {
        EngineFixture fx = new EngineFixture(dir);
        Files.createDirectories(dir.resolve("streams/s-0123456789abcdef/shards/shardId-000000000000"));
        try (StreamEngine engine = fx.open()) {
            assertThat(engine.listStreams(null, null, null).streamNames()).isEmpty();
            assertThat(Files.exists(dir.resolve("streams/s-0123456789abcdef"))).isFalse();
        }
    }

    @Test
    void recreatedStreamDoesNotAcceptIteratorsOfItsPredecessor() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = fx.open()) {
            engine.createStream("s", 1, null, null);
            String it = iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            engine.deleteStream(S, false);
            fx.clock.advanceMillis(1);
            engine.createStream("s", 1, null, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getRecords(it, null))
                    .isInstanceOf(io.sluice.core.error.ResourceNotFoundException.class)
                    .hasMessage("Shard shardId-000000000000 in stream s under account 123456789012 does not exist");
        }
    }
}
