package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class SplitShard extends EngineAction {

    SplitShard(StreamEngine engine) {
        super(engine, "SplitShard", Shapes.struct(
                "NewStartingHashKey", Shapes.HASH_KEY.required(),
                "ShardToSplit", Members.SHARD_ID,
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        engine.splitShard(Members.stream(request), request.string("ShardToSplit"), request.string("NewStartingHashKey"));
        return Map.of();
    }
}
