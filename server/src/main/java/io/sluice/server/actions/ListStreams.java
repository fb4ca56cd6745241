package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.ListStreamsResult;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class ListStreams extends EngineAction {

    ListStreams(StreamEngine engine) {
        super(engine, "ListStreams", Shapes.struct(
                "ExclusiveStartStreamName", Shapes.STREAM_NAME.optional(),
                "Limit", Shapes.integer(1L, 10000L),
                "NextToken", Shapes.NEXT_TOKEN.optional()));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        ListStreamsResult result = engine.listStreams(request.integer("Limit"),
                request.string("ExclusiveStartStreamName"), request.string("NextToken"));
        return Wire.struct(
                "StreamNames", result.streamNames(),
                "HasMoreStreams", result.hasMoreStreams(),
                "NextToken", result.nextToken(),
                "StreamSummaries", result.streamSummaries().stream().map(Wire::streamSummary).toList());
    }
}
