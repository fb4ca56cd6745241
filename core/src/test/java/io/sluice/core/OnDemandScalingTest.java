package io.sluice.core;

import static io.sluice.core.EngineFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.StreamRef;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.meta.StreamMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnDemandScalingTest {

    @TempDir
    Path dir;

    @Test
    void throttledShardOfOnDemandStreamIsSplitByTheNextMaintenancePass() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = fx.open(fx.config().withLimits(ThroughputLimits.KINESIS).withOnDemandShards(1, 4))) {
            engine.createStream("od", null, StreamMode.ON_DEMAND, null);
            StreamRef od = StreamRef.named("od");
            List<PutRecordsEntry> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new PutRecordsEntry("k" + i, bytes("v"), null));
            }
            engine.putRecords(od, batch);
            engine.putRecords(od, batch);
            PutRecordsResult throttled = engine.putRecords(od, batch);
            assertThat(throttled.failedRecordCount()).isEqualTo(500);
            assertThat(engine.runMaintenance().shardsSplit()).isEqualTo(1);
            assertThat(engine.describeStreamSummary(od).openShardCount()).isEqualTo(2);
            assertThat(engine.runMaintenance().shardsSplit()).as("no throttling since: no split").isZero();
            fx.clock.advanceMillis(1000);
            assertThat(engine.putRecords(od, batch).failedRecordCount()).isZero();
        }
    }

    @Test
    void onDemandScalingStopsAtTheConfiguredMaximum() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = fx.open(fx.config().withLimits(ThroughputLimits.KINESIS).withOnDemandShards(1, 2))) {
            engine.createStream("od", null, StreamMode.ON_DEMAND, null);
            StreamRef od = StreamRef.named("od");
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 3; i++) {
                    try {
                        engine.putRecord(new PutRecordRequest(od, "k" + i, new byte[600 * 1024], null, null));
                    } catch (io.sluice.core.error.ProvisionedThroughputExceededException expected) {
                        // drives scaling
                    }
                }
                engine.runMaintenance();
            }
            assertThat(engine.describeStreamSummary(od).openShardCount()).isEqualTo(2);
        }
    }
}
