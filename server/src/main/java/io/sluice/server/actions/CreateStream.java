package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.meta.StreamMode;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class CreateStream extends EngineAction {

    CreateStream(StreamEngine engine) {
        super(engine, "CreateStream", Shapes.struct(
                "ShardCount", Shapes.integer(1L, null),
                "StreamModeDetails", Members.STREAM_MODE_DETAILS,
                "StreamName", Shapes.STREAM_NAME.required(),
                "Tags", Members.TAG_MAP));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        Fields modeDetails = request.struct("StreamModeDetails");
        StreamMode mode = modeDetails == null ? null : StreamMode.valueOf(modeDetails.string("StreamMode"));
        Map<String, String> tags = request.map("Tags");
        engine.createStream(request.string("StreamName"), request.integer("ShardCount"), mode, tags == null ? Map.of() : tags);
        return Map.of();
    }
}
