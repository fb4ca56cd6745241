package io.sluice.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.hash.HashKeyRange;
import io.sluice.core.hash.HashKeys;
import io.sluice.core.limits.ShardThrottle;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.log.LogConfig;
import io.sluice.core.log.LogRuntime;
import io.sluice.core.log.ShardLog;
import io.sluice.core.storage.local.LocalShardData;
import io.sluice.core.testing.TestClock;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardRouterTest {

    @TempDir
    Path dir;
    LogRuntime runtime;
    final List<ShardLog> logs = new ArrayList<>();

    @BeforeEach
    void start() {
        runtime = new LogRuntime(LogConfig.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        for (ShardLog l : logs) {
            l.close();
        }
        runtime.close();
    }

    private Shard shard(int index) throws IOException {
        ShardLog log = ShardLog.open(dir.resolve(ShardIds.format(index)), runtime);
        logs.add(log);
        TestClock clock = TestClock.stoppedAt(0);
        return new Shard(index, new LocalShardData(log), new ShardThrottle(ThroughputLimits.OFF, clock), clock, false);
    }

    @Test
    void routesEveryKeyToTheShardWhoseRangeContainsIt() throws IOException {
        List<HashKeyRange> ranges = HashKeys.uniformRanges(7);
        List<ShardRouter.Entry> entries = new ArrayList<>();
        for (int i = ranges.size() - 1; i >= 0; i--) { // unsorted input on purpose
            entries.add(new ShardRouter.Entry(ranges.get(i).start(), shard(i)));
        }
        ShardRouter router = new ShardRouter(entries);
        Random random = new Random(1);
        for (int n = 0; n < 2000; n++) {
            BigInteger key = new BigInteger(128, random);
            int expected = -1;
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).contains(key)) {
                    expected = i;
                }
            }
            assertThat(router.route(key).index()).as("key %s", key).isEqualTo(expected);
        }
        for (int i = 0; i < ranges.size(); i++) {
            assertThat(router.route(ranges.get(i).start()).index()).isEqualTo(i);
            assertThat(router.route(ranges.get(i).end()).index()).isEqualTo(i);
        }
    }

    @Test
    void shardIdsFormatAndParseLikeKinesis() {
        assertThat(ShardIds.format(7)).isEqualTo("shardId-000000000007");
        assertThat(ShardIds.parse("shardId-000000000007")).hasValue(7);
        assertThat(ShardIds.parse("7")).hasValue(7);
        assertThat(ShardIds.parse("shardId-7")).hasValue(7);
        assertThat(ShardIds.parse("shardId-")).isEmpty();
        assertThat(ShardIds.parse("shardId-99999999999")).isEmpty();
        assertThat(ShardIds.parse("shard-x")).isEmpty();
    }
}
