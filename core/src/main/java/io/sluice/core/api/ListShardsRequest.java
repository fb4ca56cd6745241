package io.sluice.core.api;

/**
 * ListShards. Either {@code stream} or {@code nextToken} (never both, as in Kinesis).
 *
 * @param maxResults               1..10000, default 1000
 * @param streamCreationTimestampMs when given, must match the stream's creation time
 */
public record ListShardsRequest(StreamRef stream, String nextToken, String exclusiveStartShardId, Integer maxResults,
                                Long streamCreationTimestampMs, ShardFilter shardFilter) {
}
