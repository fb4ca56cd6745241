package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * The documented errors of the shard actions — SplitShard, MergeShards, UpdateShardCount, ListShards — through
 * every client kind, with the messages a user sees. (The account shard limit and resharding a closed shard are in
 * {@link DocumentedErrorsIT}.)
 */
class ShardErrorsIT {

    private static final String ACCOUNT = " under account 000000000000";

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config);

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aSplitOutsideTheShardsHashKeyRangeIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("split");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000")
                .newStartingHashKey("1")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream "
                        + stream + ACCOUNT + " is not both greater than one plus the shard's StartingHashKey 0 and less "
                        + "than the shard's EndingHashKey 340282366920938463463374607431768211455.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void onlyAnAdjacentPairOfOpenShardsMerges(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("merge");
        kinesis.createStream(r -> r.streamName(stream).shardCount(3));

        assertThatThrownBy(() -> merge(kinesis, stream, "shardId-000000000000", "shardId-000000000002"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Shards shardId-000000000000 and shardId-000000000002 in stream " + stream + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        merge(kinesis, stream, "shardId-000000000000", "shardId-000000000001");
        assertThatThrownBy(() -> merge(kinesis, stream, "shardId-000000000001", "shardId-000000000002"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Shard shardId-000000000001 in stream " + stream + ACCOUNT + " has already been "
                        + "merged or split, and thus is not eligible for merging or splitting.");
        assertThatThrownBy(() -> merge(kinesis, stream, "shardId-000000000003", "shardId-000000000099"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Could not find shard shardId-000000000099 in stream " + stream + ACCOUNT + ".");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aPairGivenHighShardFirstIsNotAnAdjacentPair(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("reversed");
        kinesis.createStream(r -> r.streamName(stream).shardCount(2));

        assertThatThrownBy(() -> merge(kinesis, stream, "shardId-000000000001", "shardId-000000000000"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Shards shardId-000000000001 and shardId-000000000000 in stream " + stream + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aMissingShardIsReportedEvenWhenItsStreamIsMissing(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("nostream");

        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-7")
                .shardIteratorType("TRIM_HORIZON")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Shard shardId-000000000007 in stream " + stream + ACCOUNT + " does not exist");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shard-x")
                .shardIteratorType("TRIM_HORIZON")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Could not find shard shard-x in stream " + stream + ACCOUNT + ".");
        assertThatThrownBy(() -> merge(kinesis, stream, "shard-x", "shardId-000000000001"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Could not find shard shard-x in stream " + stream + ACCOUNT + ".");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void onDemandStreamsRefuseMergesAndShardCountUpdates(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("ondemand");
        kinesis.createStream(r -> r.streamName(stream).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        assertThatThrownBy(() -> merge(kinesis, stream, "shardId-000000000000", "shardId-000000000001"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("MergeShards is not supported for stream " + stream + ACCOUNT
                        + " because it is in ON_DEMAND mode; on-demand streams scale themselves.");
        assertThatThrownBy(() -> kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(2)
                .scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("UpdateShardCount is not supported for stream " + stream + ACCOUNT
                        + " because it is in ON_DEMAND mode; on-demand streams scale themselves.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void updateShardCountNeverScalesBelowHalf(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("halving");
        kinesis.createStream(r -> r.streamName(stream).shardCount(4));

        assertThatThrownBy(() -> scale(kinesis, stream, 1))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: 4, Target shard count: 1");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void updateShardCountScalesAStreamAtMostTenTimesADay(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("scaling");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        for (int i = 0; i < 10; i++) {
            scale(kinesis, stream, i % 2 == 0 ? 2 : 1);
        }

        assertThatThrownBy(() -> scale(kinesis, stream, 2))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("Stream " + stream + ACCOUNT + " has already been scaled 10 times within the last "
                        + "24 hours; UpdateShardCount allows at most 10 scaling operations per rolling 24-hour period.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void listShardsRefusesArgumentsThatContradictEachOther(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("listing");
        kinesis.createStream(r -> r.streamName(stream).shardCount(2));
        String token = kinesis.listShards(r -> r.streamName(stream).maxResults(1)).nextToken();

        assertThatThrownBy(() -> kinesis.listShards(r -> { }))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Either NextToken or StreamName should be provided.");
        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(stream).nextToken(token)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("NextToken and StreamName cannot be provided together.");
        assertThatThrownBy(() -> kinesis.listShards(r -> r.nextToken(token).exclusiveStartShardId("shardId-000000000000")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("NextToken cannot be provided together with ExclusiveStartShardId, ShardFilter or "
                        + "StreamCreationTimestamp.");
        assertThatThrownBy(() -> kinesis.listShards(r -> r.nextToken("AAAA")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid NextToken: AAAA");
        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(stream)
                .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("ShardId must be provided for the AFTER_SHARD_ID ShardFilter type.");
        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(stream)
                .shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Timestamp must be provided for the AT_TIMESTAMP ShardFilter type.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void listShardsOfAnEarlierStreamOfTheSameNameIsResourceNotFound(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("recreated");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(stream)
                .streamCreationTimestamp(Instant.parse("2020-01-01T00:00:00Z"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream " + stream + ACCOUNT + " not found.");
    }

    private static void merge(KinesisClient kinesis, String stream, String shard, String adjacent) {
        kinesis.mergeShards(r -> r.streamName(stream).shardToMerge(shard).adjacentShardToMerge(adjacent));
    }

    private static void scale(KinesisClient kinesis, String stream, int target) {
        kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING));
    }
}
