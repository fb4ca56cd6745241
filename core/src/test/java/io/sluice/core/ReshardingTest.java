package io.sluice.core;

import static io.sluice.core.EngineFixture.drain;
import static io.sluice.core.EngineFixture.iterator;
import static io.sluice.core.EngineFixture.put;
import static io.sluice.core.EngineFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.sluice.core.api.ChildShard;
import io.sluice.core.api.GetRecordsResult;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.ScalingType;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.UpdateShardCountResult;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.error.ValidationException;
import io.sluice.core.hash.HashKeys;
import io.sluice.core.meta.StreamMode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReshardingTest {

    private static final StreamRef S = StreamRef.named("s");
    private static final String MAX = "340282366920938463463374607431768211455";
    private static final String HALF = "170141183460469231731687303715884105728";

    @TempDir
    Path dir;
    EngineFixture fx;
    StreamEngine engine;

    @BeforeEach
    void open() {
        fx = new EngineFixture(dir);
        engine = fx.open();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private List<ShardInfo> shards() {
        return engine.describeStream(S, null, null).shards();
    }

    @Test
    void splitClosesParentAndCreatesTwoChildrenCoveringItsRange() {
        engine.createStream("s", 1, null, null);
        engine.splitShard(S, "shardId-000000000000", HALF);
        assertThat(shards()).extracting(ShardInfo::shardId, ShardInfo::parentShardId, ShardInfo::adjacentParentShardId,
                ShardInfo::startingHashKey, ShardInfo::endingHashKey).containsExactly(
                tuple("shardId-000000000000", null, null, "0", MAX),
                tuple("shardId-000000000001", "shardId-000000000000", null, "0", "170141183460469231731687303715884105727"),
                tuple("shardId-000000000002", "shardId-000000000000", null, HALF, MAX));
        ShardInfo parent = shards().get(0);
        assertThat(parent.endingSequenceNumber()).isNotNull();
        for (ShardInfo child : shards().subList(1, 3)) {
            assertThat(child.endingSequenceNumber()).isNull();
            assertThat(new BigInteger(child.startingSequenceNumber()))
                    .isGreaterThan(new BigInteger(parent.endingSequenceNumber()));
        }
    }

    @Test
    void readerDrainsParentThenGetsChildShardsAndChildrenContinueWithHigherSequenceNumbers() {
        engine.createStream("s", 1, null, null);
        String before = put(engine, "s", "a", "before").sequenceNumber();
        engine.splitShard(S, "shardId-000000000000", HALF);
        String after = put(engine, "s", "a", "after").sequenceNumber();
        assertThat(new BigInteger(after)).isGreaterThan(new BigInteger(before));
        GetRecordsResult parentRead = engine.getRecords(iterator(engine, "s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null), null);
        assertThat(texts(parentRead.records())).containsExactly("before");
        assertThat(parentRead.nextShardIterator()).as("end of a closed shard").isNull();
        assertThat(parentRead.childShards()).extracting(ChildShard::shardId, ChildShard::parentShards).containsExactly(
                tuple("shardId-000000000001", List.of("shardId-000000000000")),
                tuple("shardId-000000000002", List.of("shardId-000000000000")));
        // md5("a") is in the lower half
        assertThat(texts(drain(engine, iterator(engine, "s", "shardId-000000000001", ShardIteratorType.TRIM_HORIZON, null))))
                .containsExactly("after");
        assertThat(engine.getRecords(iterator(engine, "s", "shardId-000000000000", ShardIteratorType.LATEST, null), null)
                .nextShardIterator()).as("LATEST on a closed shard is its end").isNull();
        assertThat(texts(drain(engine, iterator(engine, "s", "shardId-000000000000", ShardIteratorType.AT_SEQUENCE_NUMBER, before))))
                .containsExactly("before");
    }

    @Test
    void mergeCreatesChildWithParentAndAdjacentParent() {
        engine.createStream("s", 3, null, null);
        put(engine, "s", "a", "in-0");
        engine.mergeShards(S, "shardId-000000000000", "shardId-000000000001");
        ShardInfo child = shards().get(3);
        assertThat(child.shardId()).isEqualTo("shardId-000000000003");
        assertThat(child.parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000001");
        assertThat(child.startingHashKey()).isEqualTo("0");
        assertThat(child.endingHashKey()).isEqualTo("226854911280625642308916404954512140969");
        assertThat(put(engine, "s", "a", "merged").shardId()).isEqualTo("shardId-000000000003");
        GetRecordsResult end = engine.getRecords(iterator(engine, "s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null), null);
        assertThat(texts(end.records())).containsExactly("in-0");
        assertThat(end.childShards()).extracting(ChildShard::shardId, ChildShard::parentShards)
                .containsExactly(tuple("shardId-000000000003", List.of("shardId-000000000000", "shardId-000000000001")));
    }

    @Test
    void splitRulesUseAwsWording() {
        engine.createStream("s", 1, null, null);
        assertThatThrownBy(() -> engine.splitShard(S, "shardId-000000000000", "1"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under "
                        + "account 123456789012 is not both greater than one plus the shard's StartingHashKey 0 and "
                        + "less than the shard's EndingHashKey " + MAX + ".");
        assertThatThrownBy(() -> engine.splitShard(S, "shardId-000000000000", MAX))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> engine.splitShard(S, "shardId-000000000007", HALF))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard shardId-000000000007 in stream s under account 123456789012.");
        engine.splitShard(S, "shardId-000000000000", "2");
        assertThatThrownBy(() -> engine.splitShard(S, "shardId-000000000000", HALF))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Shard shardId-000000000000 in stream s under account 123456789012 has already been merged "
                        + "or split, and thus is not eligible for merging or splitting.");
    }

    @Test
    void mergeOfNonAdjacentShardsIsRejected() {
        engine.createStream("s", 3, null, null);
        assertThatThrownBy(() -> engine.mergeShards(S, "shardId-000000000000", "shardId-000000000002"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000000 and shardId-000000000002 in stream s under account "
                        + "123456789012 are not an adjacent pair of shards eligible for merging");
    }

    @Test
    void onDemandStreamsRejectManualResharding() {
        engine.createStream("s", null, StreamMode.ON_DEMAND, null);
        assertThatThrownBy(() -> engine.splitShard(S, "shardId-000000000000", HALF))
                .isInstanceOf(ValidationException.class)
                .hasMessage("SplitShard is not supported for stream s under account 123456789012 because it is in "
                        + "ON_DEMAND mode; on-demand streams scale themselves.");
        assertThatThrownBy(() -> engine.updateShardCount(S, 8, ScalingType.UNIFORM_SCALING))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void reshardingNeedsAnActiveStream() {
        engine.close();
        engine = fx.open(fx.config().withDelays(Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO));
        engine.createStream("s", 2, null, null);
        engine.splitShard(S, "shardId-000000000000", "2");
        assertThatThrownBy(() -> engine.mergeShards(S, "shardId-000000000002", "shardId-000000000003"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream s under account 123456789012 not ACTIVE, instead in state UPDATING");
        fx.clock.advance(Duration.ofSeconds(30));
        engine.mergeShards(S, "shardId-000000000002", "shardId-000000000003");
    }

    @Test
    void updateShardCountReachesTheUniformLayoutWithExactLineage() {
        engine.createStream("s", 2, null, null);
        UpdateShardCountResult r = engine.updateShardCount(S, 3, ScalingType.UNIFORM_SCALING);
        assertThat(r.currentShardCount()).isEqualTo(2);
        assertThat(r.targetShardCount()).isEqualTo(3);
        List<ShardInfo> open = shards().stream().filter(s -> s.endingSequenceNumber() == null).toList();
        assertThat(open).extracting(ShardInfo::startingHashKey, ShardInfo::endingHashKey)
                .containsExactlyInAnyOrderElementsOf(HashKeys.uniformRanges(3).stream()
                        .map(h -> tuple(h.start().toString(), h.end().toString())).toList());
        for (ShardInfo s : shards()) {
            if (s.parentShardId() == null) {
                assertThat(s.shardId()).isIn("shardId-000000000000", "shardId-000000000001");
            }
        }
        assertThat(engine.describeStreamSummary(S).openShardCount()).isEqualTo(3);
    }

    @Test
    void updateShardCountKeepsEveryRecordReadableAndRoutesByTheNewLayout() {
        engine.createStream("s", 4, null, null);
        for (int i = 0; i < 40; i++) {
            put(engine, "s", "k" + i, "v" + i);
        }
        engine.updateShardCount(S, 2, ScalingType.UNIFORM_SCALING);
        assertThat(shards().stream().filter(s -> s.endingSequenceNumber() == null))
                .extracting(ShardInfo::parentShardId, ShardInfo::adjacentParentShardId)
                .containsExactly(tuple("shardId-000000000000", "shardId-000000000001"),
                        tuple("shardId-000000000002", "shardId-000000000003"));
        int total = 0;
        for (ShardInfo s : shards()) {
            total += drain(engine, iterator(engine, "s", s.shardId(), ShardIteratorType.TRIM_HORIZON, null)).size();
        }
        assertThat(total).isEqualTo(40);
        assertThat(put(engine, "s", "a", "x").shardId()).isEqualTo("shardId-000000000004");
    }

    @Test
    void updateShardCountEnforcesFactorAndDailyLimits() {
        engine.createStream("s", 4, null, null);
        assertThatThrownBy(() -> engine.updateShardCount(S, 9, ScalingType.UNIFORM_SCALING))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("UpdateShardCount cannot scale up over double your current open shard count. "
                        + "Current open shard count: 4, Target shard count: 9");
        assertThatThrownBy(() -> engine.updateShardCount(S, 1, ScalingType.UNIFORM_SCALING))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: 4, Target shard count: 1");
        for (int i = 0; i < 10; i++) {
            engine.updateShardCount(S, i % 2 == 0 ? 2 : 4, ScalingType.UNIFORM_SCALING);
            fx.clock.advance(Duration.ofHours(1));
        }
        assertThatThrownBy(() -> engine.updateShardCount(S, 2, ScalingType.UNIFORM_SCALING))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Stream s under account 123456789012 has already been scaled 10 times within the last "
                        + "24 hours; UpdateShardCount allows at most 10 scaling operations per rolling 24-hour period.");
        fx.clock.advance(Duration.ofHours(14).plusMillis(1));
        engine.updateShardCount(S, 2, ScalingType.UNIFORM_SCALING);
    }

    @Test
    void mergeRefusesAPairGivenHighShardFirst() {
        engine.createStream("s", 3, null, null);

        assertThatThrownBy(() -> engine.mergeShards(S, "shardId-000000000001", "shardId-000000000000"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000001 and shardId-000000000000 in stream s under account 123456789012 "
                        + "are not an adjacent pair of shards eligible for merging");
    }

    @Test
    void aShardIdNamingNoIndexIsReportedAsSentBeforeTheStream() {
        assertThatThrownBy(() -> engine.mergeShards(StreamRef.named("missing"), "shard-x", "shardId-000000000001"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard shard-x in stream missing under account 123456789012.");
        assertThatThrownBy(() -> engine.splitShard(StreamRef.named("missing"), "x", "2"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard x in stream missing under account 123456789012.");
    }

    @Test
    void splitRespectsOpenShardLimit() {
        engine.close();
        engine = fx.open(fx.config().withOpenShardLimit(2));
        engine.createStream("s", 2, null, null);
        assertThatThrownBy(() -> engine.splitShard(S, "shardId-000000000000", "2"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("This request would exceed the shard limit for the account 123456789012 in "
                        + "eu-west-1. Current shard count for the account: 2. Limit: 2. Number of additional shards "
                        + "that would have resulted from this request: 1.");
    }

    @Test
    void explicitHashKeyAtBoundaryGoesToTheUpperChild() {
        engine.createStream("s", 1, null, null);
        engine.splitShard(S, "shardId-000000000000", HALF);
        assertThat(engine.putRecord(new PutRecordRequest(S, "k", new byte[1], HALF, null)).shardId())
                .isEqualTo("shardId-000000000002");
        assertThat(engine.putRecord(new PutRecordRequest(S, "k", new byte[1],
                new BigInteger(HALF).subtract(BigInteger.ONE).toString(), null)).shardId())
                .isEqualTo("shardId-000000000001");
    }
}
