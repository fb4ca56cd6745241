package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamSummary;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.time.Instant;
import java.util.Map;

final class DescribeStreamSummary extends EngineAction {

    /**
     * Every stream places records by partition key (or explicit hash key): Sluice has no service-managed (AUTO)
     * distribution. Said explicitly because the KPL (1.1+) reads it to decide whether it may aggregate, and
     * without it falls back to aggregating even when told not to.
     */
    static final String RECORD_DISTRIBUTION_STRATEGY = "USER_PARTITION_KEY";

    DescribeStreamSummary(StreamEngine engine) {
        super(engine, "DescribeStreamSummary", Shapes.struct(
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        StreamSummary s = engine.describeStreamSummary(Members.stream(request));
        return Wire.struct("StreamDescriptionSummary", Wire.struct(
                "StreamName", s.streamName(),
                "StreamARN", s.streamArn(),
                "StreamStatus", s.streamStatus().name(),
                "StreamModeDetails", Wire.streamModeDetails(s.streamMode()),
                "RetentionPeriodHours", s.retentionPeriodHours(),
                "StreamCreationTimestamp", Instant.ofEpochMilli(s.streamCreationTimestampMs()),
                "EnhancedMonitoring", Wire.enhancedMonitoring(s.shardLevelMetrics()),
                "EncryptionType", s.encryptionType(),
                "KeyId", s.keyId(),
                "OpenShardCount", s.openShardCount(),
                "ConsumerCount", s.consumerCount(),
                "RecordDistributionStrategy", RECORD_DISTRIBUTION_STRATEGY));
    }
}
