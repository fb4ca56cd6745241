package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.ListTagsResult;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class ListTagsForStream extends EngineAction {

    ListTagsForStream(StreamEngine engine) {
        super(engine, "ListTagsForStream", Shapes.struct(
                "ExclusiveStartTagKey", Shapes.TAG_KEY.optional(),
                "Limit", Shapes.integer(1L, 50L),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        ListTagsResult result = engine.listTagsForStream(Members.stream(request),
                request.string("ExclusiveStartTagKey"), request.integer("Limit"));
        return Wire.struct("Tags", Wire.tags(result.tags()), "HasMoreTags", result.hasMoreTags());
    }
}
