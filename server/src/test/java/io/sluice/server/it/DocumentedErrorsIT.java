package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Documented errors a client meets in normal use, with their exact messages, through the SDK: the account shard
 * limit (set low with --shard-limit on a server of its own), resharding a closed shard or a missing one, and
 * unusable iterators and sequence numbers.
 */
class DocumentedErrorsIT {

    private static ServerRule server;
    private static KinesisClient kinesis;

    @BeforeAll
    static void start() {
        server = new ServerRule(config -> config);
        kinesis = KinesisClients.SYNC_CBOR.create(server.server().endpoint());
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        server.close();
    }

    @Test
    void theAccountShardLimitRefusesStreamsAndSplitsBeyondIt() {
        try (ServerRule limited = new ServerRule(config -> config.withShardLimit(3));
             KinesisClient kinesis = KinesisClients.SYNC_JSON.create(limited.server().endpoint())) {
            refusesBeyondTheLimit(kinesis);
        }
    }

    private static void refusesBeyondTheLimit(KinesisClient kinesis) {
        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName("too-big").shardCount(4)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("This request would exceed the shard limit for the account 000000000000 in "
                        + "us-east-1. Current limit of shards is 3. Number of additional shards that would have "
                        + "resulted from this request: 4.");

        kinesis.createStream(r -> r.streamName("limited").shardCount(2));
        DescribeLimitsResponse limits = kinesis.describeLimits(r -> { });
        assertThat(limits.shardLimit()).isEqualTo(3);
        assertThat(limits.openShardCount()).isEqualTo(2);

        kinesis.splitShard(r -> r.streamName("limited").shardToSplit("shardId-000000000000").newStartingHashKey("1000"));
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName("limited").shardToSplit("shardId-000000000001")
                .newStartingHashKey("255211775190703847597530955573826158592")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("This request would exceed the shard limit for the account 000000000000");
    }

    @Test
    void aClosedOrMissingShardCannotBeReshardedAgain() {
        kinesis.createStream(r -> r.streamName("closed").shardCount(1));
        kinesis.splitShard(r -> r.streamName("closed").shardToSplit("shardId-000000000000").newStartingHashKey("1000"));

        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName("closed").shardToSplit("shardId-000000000000")
                .newStartingHashKey("500")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Shard shardId-000000000000 in stream closed under account 000000000000 has "
                        + "already been merged or split, and thus is not eligible for merging or splitting.");
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName("closed").shardToSplit("shardId-000000000099")
                .newStartingHashKey("500")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("shardId-000000000099");
    }

    @Test
    void unusableIteratorsAndSequenceNumbersAreInvalidArguments() {
        kinesis.createStream(r -> r.streamName("iterators").shardCount(1));
        String sequence = kinesis.putRecord(r -> r.streamName("iterators").partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))).sequenceNumber();
        String forged = "AAAA" + kinesis.getShardIterator(r -> r.streamName("iterators").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator().substring(4);

        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(forged)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ShardIterator.");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName("iterators").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber("12345")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("StartingSequenceNumber 12345 used in GetShardIterator on shard "
                        + "shardId-000000000000 in stream iterators under account 000000000000 is invalid.");
        assertThat(kinesis.getRecords(r -> r.shardIterator(kinesis.getShardIterator(i -> i.streamName("iterators")
                .shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(sequence)).shardIterator())).records())
                .as("the real number still works").hasSize(1);
    }
}
