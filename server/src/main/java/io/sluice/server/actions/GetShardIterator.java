package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.GetShardIteratorRequest;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.time.Instant;
import java.util.Map;

final class GetShardIterator extends EngineAction {

    GetShardIterator(StreamEngine engine) {
        super(engine, "GetShardIterator", Shapes.struct(
                "ShardId", Members.SHARD_ID,
                "ShardIteratorType", Shapes.enumOf("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                        "LATEST", "AT_TIMESTAMP").required(),
                "StartingSequenceNumber", Shapes.SEQUENCE_NUMBER.optional(),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME,
                "Timestamp", Shapes.timestamp()));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        Instant timestamp = request.timestamp("Timestamp");
        String iterator = engine.getShardIterator(new GetShardIteratorRequest(Members.stream(request),
                request.string("ShardId"), ShardIteratorType.valueOf(request.string("ShardIteratorType")),
                request.string("StartingSequenceNumber"), timestamp == null ? null : timestamp.toEpochMilli()));
        return Wire.struct("ShardIterator", iterator);
    }
}
