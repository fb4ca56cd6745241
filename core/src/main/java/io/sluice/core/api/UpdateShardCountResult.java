package io.sluice.core.api;

/** UpdateShardCount's answer. */
public record UpdateShardCountResult(String streamName, String streamArn, int currentShardCount, int targetShardCount) {
}
