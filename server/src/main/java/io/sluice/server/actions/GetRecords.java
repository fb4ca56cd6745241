package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.GetRecordsResult;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class GetRecords extends EngineAction {

    GetRecords(StreamEngine engine) {
        super(engine, "GetRecords", Shapes.struct(
                "Limit", Shapes.integer(1L, 10000L),
                "ShardIterator", Shapes.string(null, 1, 512).required(),
                "StreamARN", Members.STREAM_ARN));
    }

    /** The stream the iterator reads (an iterator carries it); an unreadable iterator fails in execute. */
    @Override
    public String resource(Fields request) {
        return engine.streamArnOfIterator(request.string("ShardIterator")).orElse(super.resource(request));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        GetRecordsResult result = engine.getRecords(request.string("ShardIterator"), request.integer("Limit"));
        return Wire.struct(
                "Records", result.records().stream().map(Wire::record).toList(),
                "NextShardIterator", result.nextShardIterator(),
                "MillisBehindLatest", result.millisBehindLatest(),
                "ChildShards", result.childShards().isEmpty() && result.nextShardIterator() != null
                        ? null : result.childShards().stream().map(Wire::childShard).toList());
    }
}
