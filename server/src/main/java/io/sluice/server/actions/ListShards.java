package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.ListShardsRequest;
import io.sluice.core.api.ListShardsResult;
import io.sluice.core.api.ShardFilter;
import io.sluice.core.api.ShardFilterType;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.time.Instant;
import java.util.Map;

final class ListShards extends EngineAction {

    ListShards(StreamEngine engine) {
        super(engine, "ListShards", Shapes.struct(
                "ExclusiveStartShardId", Shapes.SHARD_ID.optional(),
                "MaxResults", Shapes.integer(1L, 10000L),
                "NextToken", Shapes.NEXT_TOKEN.optional(),
                "ShardFilter", Shapes.struct(
                        "ShardId", Shapes.SHARD_ID.optional(),
                        "Timestamp", Shapes.timestamp(),
                        "Type", Shapes.enumOf("AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST",
                                "AT_TIMESTAMP", "FROM_TIMESTAMP").required()),
                "StreamARN", Members.STREAM_ARN,
                "StreamCreationTimestamp", Shapes.timestamp(),
                "StreamName", Members.STREAM_NAME));
    }

    /**
     * The stream named, or else the stream the NextToken lists (a token carries it), so a paged ListShards is
     * authorized against the same stream as its first page. An unreadable token fails here as it would in execute.
     */
    @Override
    public String resource(Fields request) {
        if (request.has("StreamName") || request.has("StreamARN") || !request.has("NextToken")) {
            return super.resource(request);
        }
        return engine.streamArnOfShardsToken(request.string("NextToken"));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        Fields filter = request.struct("ShardFilter");
        ShardFilter shardFilter = filter == null ? null : new ShardFilter(
                ShardFilterType.valueOf(filter.string("Type")), filter.string("ShardId"), millis(filter.timestamp("Timestamp")));
        ListShardsResult result = engine.listShards(new ListShardsRequest(
                request.has("StreamName") || request.has("StreamARN") ? Members.stream(request) : null,
                request.string("NextToken"), request.string("ExclusiveStartShardId"), request.integer("MaxResults"),
                millis(request.timestamp("StreamCreationTimestamp")), shardFilter));
        return Wire.struct("Shards", Wire.shards(result.shards()), "NextToken", result.nextToken());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
