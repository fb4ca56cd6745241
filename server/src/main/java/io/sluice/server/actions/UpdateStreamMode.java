package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamRef;
import io.sluice.core.meta.StreamMode;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class UpdateStreamMode extends EngineAction {

    UpdateStreamMode(StreamEngine engine) {
        super(engine, "UpdateStreamMode", Shapes.struct(
                "StreamARN", Members.REQUIRED_STREAM_ARN,
                "StreamModeDetails", Shapes.requiredStruct(
                        "StreamMode", Shapes.enumOf("PROVISIONED", "ON_DEMAND").required())));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        engine.updateStreamMode(StreamRef.ofArn(request.string("StreamARN")),
                StreamMode.valueOf(request.struct("StreamModeDetails").string("StreamMode")));
        return Map.of();
    }
}
