package io.sluice.core.api;

/** Kinesis {@code ShardFilter}: {@code shardId} for AFTER_SHARD_ID, {@code timestampMs} for the *_TIMESTAMP types. */
public record ShardFilter(ShardFilterType type, String shardId, Long timestampMs) {
}
