package io.sluice.core.api;

import java.util.List;

/** ListShards: one page of shards and, when more follow, a token valid for 300 s. */
public record ListShardsResult(List<ShardInfo> shards, String nextToken) {
}
