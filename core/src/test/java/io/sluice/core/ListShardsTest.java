package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.api.ListShardsRequest;
import io.sluice.core.api.ListShardsResult;
import io.sluice.core.api.ShardFilter;
import io.sluice.core.api.ShardFilterType;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.ExpiredNextTokenException;
import io.sluice.core.error.InvalidArgumentException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layout used by the filter tests: stream created at T0 with shards 0 and 1; at T0+1h shard 0 split into 2 and 3;
 * at T0+2h shards 2 and 3 merged into 4. Retention 24 h.
 */
class ListShardsTest {

    private static final StreamRef S = StreamRef.named("s");
    private static final long T0 = EngineFixture.START_MS;
    private static final long HOUR = 3_600_000;

    @TempDir
    Path dir;
    EngineFixture fx;
    StreamEngine engine;

    @BeforeEach
    void open() {
        fx = new EngineFixture(dir);
        engine = fx.open();
        engine.createStream("s", 2, null, null);
        fx.clock.advance(Duration.ofHours(1));
        engine.splitShard(S, "shardId-000000000000", "1000");
        fx.clock.advance(Duration.ofHours(1));
        engine.mergeShards(S, "shardId-000000000002", "shardId-000000000003");
        fx.clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private ListShardsResult list(ShardFilter filter) {
        return engine.listShards(new ListShardsRequest(S, null, null, null, null, filter));
    }

    private static String id(int i) {
        return String.format("shardId-%012d", i);
    }

    @Test
    void withoutFilterListsEveryShard() {
        assertThat(list(null).shards()).extracting(ShardInfo::shardId).containsExactly(id(0), id(1), id(2), id(3), id(4));
    }

    @Test
    void atLatestListsOpenShardsOnly() {
        assertThat(list(new ShardFilter(ShardFilterType.AT_LATEST, null, null)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(1), id(4));
    }

    @Test
    void afterShardIdListsHigherIds() {
        assertThat(list(new ShardFilter(ShardFilterType.AFTER_SHARD_ID, id(2), null)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(3), id(4));
        assertThatThrownBy(() -> list(new ShardFilter(ShardFilterType.AFTER_SHARD_ID, null, null)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("ShardId must be provided for the AFTER_SHARD_ID ShardFilter type.");
    }

    @Test
    void atTimestampListsShardsOpenAtThatTime() {
        assertThat(list(new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, T0 + HOUR + HOUR / 2)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(1), id(2), id(3));
        assertThat(list(new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, T0)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(0), id(1));
    }

    @Test
    void fromTimestampListsShardsOpenAtOrAfterThatTime() {
        assertThat(list(new ShardFilter(ShardFilterType.FROM_TIMESTAMP, null, T0 + HOUR + HOUR / 2)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(1), id(2), id(3), id(4));
    }

    @Test
    void trimHorizonFiltersFollowRetention() {
        assertThat(list(new ShardFilter(ShardFilterType.AT_TRIM_HORIZON, null, null)).shards())
                .as("a stream younger than its retention: the trim horizon is its creation, its first shards")
                .extracting(ShardInfo::shardId).containsExactly(id(0), id(1));
        assertThat(list(new ShardFilter(ShardFilterType.FROM_TRIM_HORIZON, null, null)).shards()).hasSize(5);
        fx.clock.advance(Duration.ofHours(22).plusMinutes(30)); // trim horizon = T0 + 1.5 h
        assertThat(list(new ShardFilter(ShardFilterType.AT_TRIM_HORIZON, null, null)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(1), id(2), id(3));
        assertThat(list(new ShardFilter(ShardFilterType.FROM_TRIM_HORIZON, null, null)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(1), id(2), id(3), id(4));
    }

    @Test
    void paginatesWithTokensThatCarryTheFilter() {
        ListShardsResult first = engine.listShards(new ListShardsRequest(S, null, null, 2, null,
                new ShardFilter(ShardFilterType.FROM_TIMESTAMP, null, T0 + HOUR + HOUR / 2)));
        assertThat(first.shards()).extracting(ShardInfo::shardId).containsExactly(id(1), id(2));
        ListShardsResult second = engine.listShards(new ListShardsRequest(null, first.nextToken(), null, null, null, null));
        assertThat(second.shards()).extracting(ShardInfo::shardId).containsExactly(id(3), id(4));
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void exclusiveStartShardIdSkipsUpToIt() {
        assertThat(engine.listShards(new ListShardsRequest(S, null, id(3), null, null, null)).shards())
                .extracting(ShardInfo::shardId).containsExactly(id(4));
    }

    @Test
    void tokenExpiresAfter300Seconds() {
        String token = engine.listShards(new ListShardsRequest(S, null, null, 1, null, null)).nextToken();
        fx.clock.advance(Duration.ofSeconds(300));
        assertThat(engine.listShards(new ListShardsRequest(null, token, null, null, null, null)).shards()).hasSize(1);
        fx.clock.advanceMillis(1);
        assertThatThrownBy(() -> engine.listShards(new ListShardsRequest(null, token, null, null, null, null)))
                .isInstanceOf(ExpiredNextTokenException.class)
                .hasMessageStartingWith("The NextToken has expired");
    }

    @Test
    void streamAndTokenAreMutuallyExclusive() {
        String token = engine.listShards(new ListShardsRequest(S, null, null, 1, null, null)).nextToken();
        assertThatThrownBy(() -> engine.listShards(new ListShardsRequest(S, token, null, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("NextToken and StreamName cannot be provided together.");
        assertThatThrownBy(() -> engine.listShards(new ListShardsRequest(null, null, null, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Either NextToken or StreamName should be provided.");
        assertThatThrownBy(() -> engine.listShards(new ListShardsRequest(null, token.substring(2), null, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
