package io.sluice.core.api;

/**
 * SubscribeToShard: a registered consumer's subscription to one shard, starting as a shard iterator would
 * ({@code startingSequenceNumber} for AT_/AFTER_SEQUENCE_NUMBER, {@code timestampMs} for AT_TIMESTAMP).
 */
public record SubscribeToShardRequest(String consumerArn, String shardId, ShardIteratorType type,
                                      String startingSequenceNumber, Long timestampMs) {
}
