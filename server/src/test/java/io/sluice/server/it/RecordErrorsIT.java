package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The documented errors of the record actions — PutRecord, PutRecords, GetShardIterator, GetRecords — through every
 * client kind, with the messages a user sees. Throughput limits are off here; {@link ThrottlingIT} covers them,
 * {@link ExpiryIT} expired iterators.
 */
class RecordErrorsIT {

    private static final String ACCOUNT = " under account 000000000000";
    private static final int MIB = 1024 * 1024;
    private static final String TWO_TO_THE_128 = "340282366920938463463374607431768211456";

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config.withLimits(false));

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aRecordOverOneMebibyteWithItsPartitionKeyIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("big");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        SdkBytes oneMebibyte = SdkBytes.fromByteArray(new byte[MIB]);

        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(oneMebibyte)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Record size of 1048577 bytes (data + partition key) at 'data' exceeds the limit "
                        + "of 1048576 bytes.");
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(stream).records(
                entry("k", SdkBytes.fromUtf8String("small")), entry("k", oneMebibyte))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Record size of 1048577 bytes (data + partition key) at 'records.2.member.data' "
                        + "exceeds the limit of 1048576 bytes.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aPutRecordsBatchOverFiveMebibytesIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("batch");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        List<PutRecordsRequestEntry> sixMebibytes = Collections.nCopies(6, entry("k", SdkBytes.fromByteArray(new byte[MIB - 1])));

        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(stream).records(sixMebibytes)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Records size exceeds 5 MB limit: the 6 records total 6291456 bytes (data + "
                        + "partition keys), more than 5242880.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void anExplicitHashKeyOutsideTheHashKeySpaceIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("hashkey");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String outside = "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                + TWO_TO_THE_128;

        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("x")).explicitHashKey(TWO_TO_THE_128)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(outside);
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(stream).records(PutRecordsRequestEntry.builder()
                .partitionKey("k").data(SdkBytes.fromUtf8String("x")).explicitHashKey(TWO_TO_THE_128).build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(outside);
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void anIteratorForAShardTheStreamDoesNotHaveIsResourceNotFound(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("noshard");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000007")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Shard shardId-000000000007 in stream " + stream + ACCOUNT + " does not exist");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void atTimestampIteratorsNeedATimestampThatIsNotInTheFuture(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("timestamps");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        Instant future = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. "
                        + "Current request has no timestamp parameter.");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(future)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("The timestampInMillis parameter cannot be greater than the "
                        + "currentTimestampInMillis. timestampInMillis: " + future.toEpochMilli() + ", currentTimestampInMillis: ");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aSequenceNumberFromAnotherShardOrStreamIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("sequences");
        String other = kind.streamName("other-sequences");
        kinesis.createStream(r -> r.streamName(stream).shardCount(2));
        kinesis.createStream(r -> r.streamName(other).shardCount(1));
        String ofShardZero = kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").explicitHashKey("0")
                .data(SdkBytes.fromUtf8String("x"))).sequenceNumber();

        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000001")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(ofShardZero)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was "
                        + "used in a call to a shard with shardId-000000000001");
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(other).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(ofShardZero)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("StartingSequenceNumber " + ofShardZero + " used in GetShardIterator on shard "
                        + "shardId-000000000000 in stream " + other + ACCOUNT + " is invalid because it did not come from "
                        + "this stream.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void readingADeletedStreamIsResourceNotFound(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("deleted");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        kinesis.deleteStream(r -> r.streamName(stream));

        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(iterator)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Shard shardId-000000000000 in stream " + stream + ACCOUNT + " does not exist");
    }

    private static PutRecordsRequestEntry entry(String partitionKey, SdkBytes data) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(data).build();
    }
}
