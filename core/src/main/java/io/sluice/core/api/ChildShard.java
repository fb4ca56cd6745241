package io.sluice.core.api;

import java.util.List;

/** Kinesis {@code ChildShard}: returned when a reader reaches the end of a closed shard. */
public record ChildShard(String shardId, List<String> parentShards, String startingHashKey, String endingHashKey) {
}
