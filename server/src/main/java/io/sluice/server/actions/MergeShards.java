package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class MergeShards extends EngineAction {

    MergeShards(StreamEngine engine) {
        super(engine, "MergeShards", Shapes.struct(
                "AdjacentShardToMerge", Members.SHARD_ID,
                "ShardToMerge", Members.SHARD_ID,
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        engine.mergeShards(Members.stream(request), request.string("ShardToMerge"), request.string("AdjacentShardToMerge"));
        return Map.of();
    }
}
