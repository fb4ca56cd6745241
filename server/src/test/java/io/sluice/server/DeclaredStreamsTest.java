package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.StreamSummary;
import io.sluice.core.meta.StreamMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaredStreamsTest {

    @TempDir
    Path dataDir;

    @Test
    void parsesShardCountsAndOnDemand() {
        assertThat(DeclaredStreams.parse(" AndersonStream:1, Orders:4 ,Clicks:on-demand").streams()).containsExactly(
                new DeclaredStreams.Stream("AndersonStream", 1), new DeclaredStreams.Stream("Orders", 4),
                new DeclaredStreams.Stream("Clicks", null));
        assertThat(DeclaredStreams.parse("").streams()).isEmpty();
    }

    @Test
    void everyMistakeIsNamed() {
        assertThatThrownBy(() -> DeclaredStreams.parse("Orders"))
                .hasMessage("streams: 'Orders' is not NAME:SHARDS or NAME:on-demand");
        assertThatThrownBy(() -> DeclaredStreams.parse("Orders:"))
                .hasMessage("streams: 'Orders:' is not NAME:SHARDS or NAME:on-demand");
        assertThatThrownBy(() -> DeclaredStreams.parse("Orders:0"))
                .hasMessage("streams: 'Orders:0' needs a shard count of at least 1 or on-demand after the colon");
        assertThatThrownBy(() -> DeclaredStreams.parse("Orders:four"))
                .hasMessage("streams: 'Orders:four' needs a shard count of at least 1 or on-demand after the colon");
        assertThatThrownBy(() -> DeclaredStreams.parse("Orders:1,Orders:2"))
                .hasMessage("streams: 'Orders' is declared twice");
    }

    @Test
    void createsWhatIsMissingAndLeavesWhatExists() throws Exception {
        DeclaredStreams declared = DeclaredStreams.parse("AndersonStream:1,Orders:4,Clicks:on-demand");
        try (StreamEngine engine = StreamEngine.open(EngineConfig.defaults(dataDir))) {
            engine.createStream("Orders", 2, StreamMode.PROVISIONED, java.util.Map.of());

            assertThat(declared.ensure(engine)).isEqualTo(2);
            assertThat(declared.ensure(engine)).as("a second start changes nothing").isZero();

            assertThat(summary(engine, "AndersonStream").openShardCount()).isEqualTo(1);
            assertThat(summary(engine, "Orders").openShardCount()).as("left as it was").isEqualTo(2);
            assertThat(summary(engine, "Clicks").streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        }
    }

    @Test
    void anInvalidNameFailsTheStartWithKinesissMessage() throws Exception {
        try (StreamEngine engine = StreamEngine.open(EngineConfig.defaults(dataDir))) {
            assertThatThrownBy(() -> DeclaredStreams.parse("bad name:1").ensure(engine))
                    .hasMessage("1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy "
                            + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            assertThat(engine.listStreams(null, null, null).streamNames()).isEqualTo(List.of());
        }
    }

    private static StreamSummary summary(StreamEngine engine, String name) {
        return engine.describeStreamSummary(StreamRef.named(name));
    }
}
