package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamDescription;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.time.Instant;
import java.util.Map;

final class DescribeStream extends EngineAction {

    DescribeStream(StreamEngine engine) {
        super(engine, "DescribeStream", Shapes.struct(
                "ExclusiveStartShardId", Shapes.SHARD_ID.optional(),
                "Limit", Shapes.integer(1L, 10000L),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        StreamDescription d = engine.describeStream(Members.stream(request), request.integer("Limit"),
                request.string("ExclusiveStartShardId"));
        return Wire.struct("StreamDescription", Wire.struct(
                "StreamName", d.streamName(),
                "StreamARN", d.streamArn(),
                "StreamStatus", d.streamStatus().name(),
                "StreamModeDetails", Wire.streamModeDetails(d.streamMode()),
                "Shards", Wire.shards(d.shards()),
                "HasMoreShards", d.hasMoreShards(),
                "RetentionPeriodHours", d.retentionPeriodHours(),
                "StreamCreationTimestamp", Instant.ofEpochMilli(d.streamCreationTimestampMs()),
                "EnhancedMonitoring", Wire.enhancedMonitoring(d.shardLevelMetrics()),
                "EncryptionType", d.encryptionType(),
                "KeyId", d.keyId()));
    }
}
