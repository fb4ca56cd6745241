package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.testing.SluiceServerExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * Documented errors a client meets in normal use, with their exact messages, through every client kind: a
 * missing stream, the account shard limit (set low with --shard-limit on a server of its own), resharding a closed
 * shard or a missing one, and unusable iterators and sequence numbers. The errors of one area each live in their
 * own class: {@link StreamErrorsIT}, {@link ShardErrorsIT}, {@link RecordErrorsIT}, {@link ConsumerErrorsIT},
 * {@link ExpiryIT}, {@link ThrottlingIT}.
 */
class DocumentedErrorsIT {

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config);

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void everyActionOnAMissingStreamIsResourceNotFound(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("missing");
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("DeleteStream", () -> kinesis.deleteStream(r -> r.streamName(stream)));
        calls.put("DescribeStream", () -> kinesis.describeStream(r -> r.streamName(stream)));
        calls.put("AddTagsToStream", () -> kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("k", "v"))));
        calls.put("RemoveTagsFromStream", () -> kinesis.removeTagsFromStream(r -> r.streamName(stream).tagKeys("k")));
        calls.put("ListTagsForStream", () -> kinesis.listTagsForStream(r -> r.streamName(stream)));
        calls.put("IncreaseStreamRetentionPeriod", () -> kinesis.increaseStreamRetentionPeriod(r -> r.streamName(stream)
                .retentionPeriodHours(48)));
        calls.put("DecreaseStreamRetentionPeriod", () -> kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(stream)
                .retentionPeriodHours(24)));
        calls.put("EnableEnhancedMonitoring", () -> kinesis.enableEnhancedMonitoring(r -> r.streamName(stream)
                .shardLevelMetrics(MetricsName.ALL)));
        calls.put("DisableEnhancedMonitoring", () -> kinesis.disableEnhancedMonitoring(r -> r.streamName(stream)
                .shardLevelMetrics(MetricsName.ALL)));
        calls.put("StartStreamEncryption", () -> kinesis.startStreamEncryption(r -> r.streamName(stream)
                .encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis")));
        calls.put("StopStreamEncryption", () -> kinesis.stopStreamEncryption(r -> r.streamName(stream)
                .encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis")));
        calls.put("UpdateStreamMode", () -> kinesis.updateStreamMode(r -> r.streamARN(arn)
                .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))));
        calls.put("UpdateShardCount", () -> kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(2)
                .scalingType(ScalingType.UNIFORM_SCALING)));
        calls.put("SplitShard", () -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000")
                .newStartingHashKey("1000")));
        calls.put("MergeShards", () -> kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000000")
                .adjacentShardToMerge("shardId-000000000001")));
        calls.put("ListShards", () -> kinesis.listShards(r -> r.streamName(stream)));
        calls.put("PutRecord", () -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))));
        calls.put("PutRecords", () -> kinesis.putRecords(r -> r.streamName(stream).records(PutRecordsRequestEntry.builder()
                .partitionKey("k").data(SdkBytes.fromUtf8String("x")).build())));
        calls.put("RegisterStreamConsumer", () -> kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("c")));
        calls.put("DescribeStreamConsumer", () -> kinesis.describeStreamConsumer(r -> r.streamARN(arn).consumerName("c")));
        calls.put("ListStreamConsumers", () -> kinesis.listStreamConsumers(r -> r.streamARN(arn)));
        calls.put("DeregisterStreamConsumer", () -> kinesis.deregisterStreamConsumer(r -> r.streamARN(arn)
                .consumerName("c")));

        calls.forEach((action, call) -> assertThatThrownBy(call).as(action)
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream " + stream + " under account 000000000000 not found."));
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)))
                .as("GetShardIterator names the shard, as AWS does")
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Shard shardId-000000000000 in stream " + stream + " under account 000000000000 "
                        + "does not exist");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void theAccountShardLimitRefusesStreamsSplitsAndScalingBeyondIt(KinesisClients kind) {
        try (SluiceServerExtension limited = SluiceServerExtension.builder()
                .configure(config -> config.withShardLimit(3)).start();
             KinesisClient kinesis = kind.create(limited.server().endpoint())) {
            assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName("too-big").shardCount(4)))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageStartingWith("This request would exceed the shard limit for the account 000000000000 in "
                            + "us-east-1. Current shard count for the account: 0. Limit: 3. Number of additional shards "
                            + "that would have resulted from this request: 4.");

            kinesis.createStream(r -> r.streamName("limited").shardCount(2));
            DescribeLimitsResponse limits = kinesis.describeLimits(r -> { });
            assertThat(limits.shardLimit()).isEqualTo(3);
            assertThat(limits.openShardCount()).isEqualTo(2);
            assertThatThrownBy(() -> kinesis.updateShardCount(r -> r.streamName("limited").targetShardCount(4)
                    .scalingType(ScalingType.UNIFORM_SCALING)))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageStartingWith("Target shard count or number of open shards cannot be greater than 3. "
                            + "Current open shard count: 2, Target shard count: 4");

            kinesis.splitShard(r -> r.streamName("limited").shardToSplit("shardId-000000000000").newStartingHashKey("1000"));
            assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName("limited").shardToSplit("shardId-000000000001")
                    .newStartingHashKey("255211775190703847597530955573826158592")))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageStartingWith("This request would exceed the shard limit for the account 000000000000 in "
                            + "us-east-1. Current shard count for the account: 3. Limit: 3. Number of additional shards "
                            + "that would have resulted from this request: 1.");
        }
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aClosedOrMissingShardCannotBeReshardedAgain(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("closed");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey("1000"));

        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000")
                .newStartingHashKey("500")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Shard shardId-000000000000 in stream " + stream + " under account 000000000000 "
                        + "has already been merged or split, and thus is not eligible for merging or splitting.");
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000099")
                .newStartingHashKey("500")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Could not find shard shardId-000000000099 in stream " + stream
                        + " under account 000000000000.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void unusableIteratorsAndSequenceNumbersAreInvalidArguments(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("iterators");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String sequence = kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))).sequenceNumber();
        String forged = "AAAA" + kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator().substring(4);

        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(forged)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ShardIterator.");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber("12345")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("StartingSequenceNumber 12345 used in GetShardIterator on shard "
                        + "shardId-000000000000 in stream " + stream + " under account 000000000000 is invalid.");
        assertThat(kinesis.getRecords(r -> r.shardIterator(kinesis.getShardIterator(i -> i.streamName(stream)
                .shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(sequence)).shardIterator())).records())
                .as("the real number still works").hasSize(1);
    }
}
