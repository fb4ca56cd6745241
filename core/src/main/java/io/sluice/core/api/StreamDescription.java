package io.sluice.core.api;

import io.sluice.core.meta.StreamMode;
import io.sluice.core.meta.StreamStatus;
import java.util.List;

/** Kinesis {@code StreamDescription} (DescribeStream), one page of shards. */
public record StreamDescription(String streamName, String streamArn, StreamStatus streamStatus, StreamMode streamMode,
                                List<ShardInfo> shards, boolean hasMoreShards, int retentionPeriodHours,
                                long streamCreationTimestampMs, List<String> shardLevelMetrics,
                                String encryptionType, String keyId) {
}
