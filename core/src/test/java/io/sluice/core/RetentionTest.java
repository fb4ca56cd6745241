package io.sluice.core;

import static io.sluice.core.EngineFixture.drain;
import static io.sluice.core.EngineFixture.iterator;
import static io.sluice.core.EngineFixture.put;
import static io.sluice.core.EngineFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRef;
import io.sluice.core.engine.Maintenance;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.log.FsyncPolicy;
import io.sluice.core.log.LogConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    private static final String S0 = "shardId-000000000000";
    private static final StreamRef S = StreamRef.named("s");

    @TempDir
    Path dir;
    EngineFixture fx;
    StreamEngine engine;

    @BeforeEach
    void open() {
        fx = new EngineFixture(dir);
        // tiny segments so retention can delete whole segments
        engine = fx.open(fx.config().withLog(LogConfig.defaults().withFsync(FsyncPolicy.interval(Duration.ofSeconds(1)))
                .withSegmentBytes(256)));
        engine.createStream("s", 1, null, null);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void expiredRecordsAreNeverReturnedEvenBeforeRetentionRuns() {
        String old = put(engine, "s", "a", "old").sequenceNumber();
        String stale = iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
        fx.clock.advance(Duration.ofHours(12));
        put(engine, "s", "a", "mid");
        fx.clock.advance(Duration.ofHours(12).plusMillis(1));
        put(engine, "s", "a", "new");
        assertThat(texts(drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null))))
                .containsExactly("mid", "new");
        assertThat(texts(drain(engine, iterator(engine, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, old))))
                .as("a sequence number past retention starts at the trim horizon").containsExactly("mid", "new");
        assertThat(stale).isNotNull();
    }

    @Test
    void maintenanceDeletesOldSegmentsAndTheTrimHorizonMoves() {
        for (int i = 0; i < 20; i++) {
            put(engine, "s", "a", "old-" + i);
        }
        fx.clock.advance(Duration.ofHours(25));
        for (int i = 0; i < 3; i++) {
            put(engine, "s", "a", "new-" + i);
        }
        Maintenance.Report report = engine.runMaintenance();
        assertThat(report.segmentsDeleted()).isPositive();
        assertThat(texts(drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null))))
                .containsExactly("new-0", "new-1", "new-2");
    }

    @Test
    void longerRetentionKeepsRecords() {
        engine.increaseStreamRetentionPeriod(S, 48);
        put(engine, "s", "a", "kept");
        fx.clock.advance(Duration.ofHours(47));
        engine.runMaintenance();
        assertThat(texts(drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null)))).containsExactly("kept");
    }

    @Test
    void closedShardsAreReadableUntilRetentionThenRemoved() {
        put(engine, "s", "a", "parent");
        engine.splitShard(S, S0, "1000");
        fx.clock.advance(Duration.ofHours(23));
        engine.runMaintenance();
        assertThat(texts(drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null)))).containsExactly("parent");
        fx.clock.advance(Duration.ofHours(1).plusMillis(1));
        assertThat(engine.runMaintenance().shardsRemoved()).isEqualTo(1);
        assertThat(engine.describeStream(S, null, null).shards()).extracting(ShardInfo::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThatThrownBy(() -> iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
