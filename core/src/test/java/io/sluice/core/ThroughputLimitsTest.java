package io.sluice.core;

import static io.sluice.core.EngineFixture.bytes;
import static io.sluice.core.EngineFixture.iterator;
import static io.sluice.core.EngineFixture.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.api.GetRecordsResult;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.PutRecordsResultEntry;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.ProvisionedThroughputExceededException;
import io.sluice.core.limits.ThroughputLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputLimitsTest {

    private static final String S0 = "shardId-000000000000";
    private static final String RATE = "Rate exceeded for shard shardId-000000000000 in stream s under account 123456789012.";

    @TempDir
    Path dir;
    EngineFixture fx;
    StreamEngine engine;

    @BeforeEach
    void open() {
        fx = new EngineFixture(dir);
        engine = fx.open(fx.config().withLimits(ThroughputLimits.KINESIS));
        engine.createStream("s", 1, null, null);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void thousandAndFirstRecordInASecondIsThrottledAlone() {
        List<PutRecordsEntry> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(new PutRecordsEntry("k" + i, bytes("v"), null));
        }
        assertThat(engine.putRecords(StreamRef.named("s"), batch).failedRecordCount()).isZero();
        batch.set(0, new PutRecordsEntry("first", bytes("v"), null));
        batch.add(new PutRecordsEntry("extra", bytes("v"), null));
        batch.remove(1);
        PutRecordsResult second = engine.putRecords(StreamRef.named("s"), batch);
        assertThat(second.failedRecordCount()).isZero();
        List<PutRecordsEntry> third = List.of(new PutRecordsEntry("a", bytes("1"), null), new PutRecordsEntry("b", bytes("2"), null));
        PutRecordsResult r = engine.putRecords(StreamRef.named("s"), third);
        assertThat(r.failedRecordCount()).isEqualTo(2);
        assertThat(r.records()).allSatisfy(e -> {
            assertThat(e.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(e.errorMessage()).isEqualTo(RATE);
            assertThat(e.sequenceNumber()).isNull();
        });
        fx.clock.advanceMillis(1);
        PutRecordsResult partial = engine.putRecords(StreamRef.named("s"), third);
        assertThat(partial.failedRecordCount()).as("1 ms refills exactly one record").isEqualTo(1);
        assertThat(partial.records().get(0).failed()).isFalse();
        assertThat(partial.records().get(1)).isEqualTo(new PutRecordsResultEntry(null, null,
                "ProvisionedThroughputExceededException", RATE));
    }

    @Test
    void putRecordBeyondOneMebibytePerSecondThrowsWithAwsMessage() {
        put(engine, "s", "k", "x".repeat(1024 * 1024 - 1));
        assertThatThrownBy(() -> put(engine, "s", "k", "y"))
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessage(RATE);
        fx.clock.advanceMillis(1000);
        assertThat(put(engine, "s", "k", "y").shardId()).isEqualTo(S0);
    }

    @Test
    void eleventhGetRecordsInABurstIsThrottled() {
        String it = iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
        for (int i = 0; i < 10; i++) {
            engine.getRecords(it, null);
        }
        assertThatThrownBy(() -> engine.getRecords(it, null))
                .isInstanceOf(ProvisionedThroughputExceededException.class).hasMessage(RATE);
        fx.clock.advanceMillis(200);
        assertThat(engine.getRecords(it, null).records()).isEmpty();
    }

    @Test
    void sixthGetShardIteratorInASecondIsThrottled() {
        for (int i = 0; i < 5; i++) {
            iterator(engine, "s", S0, ShardIteratorType.LATEST, null);
        }
        assertThatThrownBy(() -> iterator(engine, "s", S0, ShardIteratorType.LATEST, null))
                .isInstanceOf(ProvisionedThroughputExceededException.class).hasMessage(RATE);
    }

    @Test
    void tenMebibyteReadBlocksReadsForFiveSeconds() {
        byte[] chunk = new byte[1024 * 1024 - 10];
        for (int i = 0; i < 11; i++) {
            engine.putRecord(new io.sluice.core.api.PutRecordRequest(StreamRef.named("s"), "k", chunk, null, null));
            fx.clock.advanceMillis(1000);
        }
        String it = iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
        GetRecordsResult big = engine.getRecords(it, null);
        assertThat(big.records()).as("10 MiB cap: 10 records of 1 MiB - 9 bytes fit, an 11th does not").hasSize(10);
        fx.clock.advanceMillis(4999);
        assertThatThrownBy(() -> engine.getRecords(big.nextShardIterator(), null))
                .isInstanceOf(ProvisionedThroughputExceededException.class).hasMessage(RATE);
        fx.clock.advanceMillis(1);
        assertThat(engine.getRecords(big.nextShardIterator(), null).records()).hasSize(1);
    }
}
