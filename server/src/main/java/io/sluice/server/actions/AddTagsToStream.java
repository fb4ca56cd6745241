package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class AddTagsToStream extends EngineAction {

    AddTagsToStream(StreamEngine engine) {
        super(engine, "AddTagsToStream", Shapes.struct(
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME,
                "Tags", Shapes.map(true, Shapes.TAG_KEY.required(), Shapes.TAG_VALUE.required(), 1, 200)));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        engine.addTagsToStream(Members.stream(request), request.map("Tags"));
        return Map.of();
    }
}
