package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.ScalingType;
import io.sluice.core.api.UpdateShardCountResult;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class UpdateShardCount extends EngineAction {

    UpdateShardCount(StreamEngine engine) {
        super(engine, "UpdateShardCount", Shapes.struct(
                "ScalingType", Shapes.enumOf("UNIFORM_SCALING").required(),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME,
                "TargetShardCount", Shapes.requiredInteger(1L, null)));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        UpdateShardCountResult result = engine.updateShardCount(Members.stream(request),
                request.integer("TargetShardCount"), ScalingType.valueOf(request.string("ScalingType")));
        return Wire.struct(
                "StreamName", result.streamName(),
                "CurrentShardCount", result.currentShardCount(),
                "TargetShardCount", result.targetShardCount(),
                "StreamARN", result.streamArn());
    }
}
