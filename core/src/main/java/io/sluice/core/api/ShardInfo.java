package io.sluice.core.api;

/**
 * Kinesis {@code Shard}: id, lineage, hash key range (decimal strings) and sequence number range (ending number
 * null while open).
 */
public record ShardInfo(String shardId, String parentShardId, String adjacentParentShardId,
                        String startingHashKey, String endingHashKey,
                        String startingSequenceNumber, String endingSequenceNumber) {
}
