package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class DeleteStream extends EngineAction {

    DeleteStream(StreamEngine engine) {
        super(engine, "DeleteStream", Shapes.struct(
                "EnforceConsumerDeletion", Shapes.bool(),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        engine.deleteStream(Members.stream(request), Boolean.TRUE.equals(request.bool("EnforceConsumerDeletion")));
        return Map.of();
    }
}
