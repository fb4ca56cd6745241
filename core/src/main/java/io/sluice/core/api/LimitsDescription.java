package io.sluice.core.api;

/** DescribeLimits. */
public record LimitsDescription(int shardLimit, int openShardCount, int onDemandStreamCountLimit,
                                int onDemandStreamCount) {
}
