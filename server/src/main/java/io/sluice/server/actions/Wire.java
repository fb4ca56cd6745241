package io.sluice.server.actions;

import io.sluice.core.api.ChildShard;
import io.sluice.core.api.ConsumerDescription;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamSummary;
import io.sluice.core.api.Tag;
import io.sluice.server.wire.WireStruct;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Response structures of the Kinesis API model built from the engine's results, member names byte-exact. Maps
 * keep the model's member order; {@code null} members are left out of the wire form.
 */
final class Wire {

    private Wire() {
    }

    static Map<String, Object> struct(Object... namesAndValues) {
        return new WireStruct(namesAndValues);
    }

    /** A put's {@code EncryptionType}: AWS states it only when the records are encrypted. */
    static String encryptionOfRecords(String streamEncryption) {
        return "NONE".equals(streamEncryption) ? null : streamEncryption;
    }

    static Map<String, Object> shard(ShardInfo shard) {
        return struct(
                "ShardId", shard.shardId(),
                "ParentShardId", shard.parentShardId(),
                "AdjacentParentShardId", shard.adjacentParentShardId(),
                "HashKeyRange", struct("StartingHashKey", shard.startingHashKey(), "EndingHashKey", shard.endingHashKey()),
                "SequenceNumberRange", struct("StartingSequenceNumber", shard.startingSequenceNumber(),
                        "EndingSequenceNumber", shard.endingSequenceNumber()));
    }

    static List<Map<String, Object>> shards(List<ShardInfo> shards) {
        return shards.stream().map(Wire::shard).toList();
    }

    static Map<String, Object> record(StreamRecord record) {
        return struct(
                "SequenceNumber", record.sequenceNumber(),
                "ApproximateArrivalTimestamp", Instant.ofEpochMilli(record.approximateArrivalTimestampMs()),
                "Data", record.data(),
                "PartitionKey", record.partitionKey());
    }

    static Map<String, Object> childShard(ChildShard child) {
        return struct(
                "ShardId", child.shardId(),
                "ParentShards", child.parentShards(),
                "HashKeyRange", struct("StartingHashKey", child.startingHashKey(), "EndingHashKey", child.endingHashKey()));
    }

    static Map<String, Object> streamModeDetails(Enum<?> mode) {
        return struct("StreamMode", mode.name());
    }

    static List<Map<String, Object>> enhancedMonitoring(List<String> metrics) {
        return List.of(struct("ShardLevelMetrics", metrics));
    }

    static Map<String, Object> streamSummary(StreamSummary summary) {
        return struct(
                "StreamName", summary.streamName(),
                "StreamARN", summary.streamArn(),
                "StreamStatus", summary.streamStatus().name(),
                "StreamModeDetails", streamModeDetails(summary.streamMode()),
                "StreamCreationTimestamp", Instant.ofEpochMilli(summary.streamCreationTimestampMs()));
    }

    static Map<String, Object> consumer(ConsumerDescription consumer, boolean withStreamArn) {
        return struct(
                "ConsumerName", consumer.consumerName(),
                "ConsumerARN", consumer.consumerArn(),
                "ConsumerStatus", consumer.consumerStatus().name(),
                "ConsumerCreationTimestamp", Instant.ofEpochMilli(consumer.consumerCreationTimestampMs()),
                "StreamARN", withStreamArn ? consumer.streamArn() : null);
    }

    static List<Map<String, Object>> tags(List<Tag> tags) {
        return tags.stream().map(t -> struct("Key", t.key(), "Value", t.value())).toList();
    }
}
