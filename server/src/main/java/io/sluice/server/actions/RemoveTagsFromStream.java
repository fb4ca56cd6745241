package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class RemoveTagsFromStream extends EngineAction {

    RemoveTagsFromStream(StreamEngine engine) {
        super(engine, "RemoveTagsFromStream", Shapes.struct(
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME,
                "TagKeys", Members.TAG_KEYS));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        engine.removeTagsFromStream(Members.stream(request), request.list("TagKeys"));
        return Map.of();
    }
}
