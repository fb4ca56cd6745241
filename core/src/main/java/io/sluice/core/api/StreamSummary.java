package io.sluice.core.api;

import io.sluice.core.meta.StreamMode;
import io.sluice.core.meta.StreamStatus;
import java.util.List;

/** Kinesis {@code StreamDescriptionSummary} (DescribeStreamSummary) and the ListStreams summary. */
public record StreamSummary(String streamName, String streamArn, StreamStatus streamStatus, StreamMode streamMode,
                            int retentionPeriodHours, long streamCreationTimestampMs, List<String> shardLevelMetrics,
                            String encryptionType, String keyId, int openShardCount, int consumerCount) {
}
