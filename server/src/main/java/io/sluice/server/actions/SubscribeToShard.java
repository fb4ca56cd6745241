package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.SubscribeToShardRequest;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.protocol.StreamingAction;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * SubscribeToShard (enhanced fan-out): a registered consumer's records of one shard pushed as an event stream.
 * Everything Kinesis checks before the first event (consumer ACTIVE, shard, starting position, one subscription
 * per consumer and shard) is checked here and answered as an ordinary error; the stream itself is
 * {@link SubscriptionEvents}.
 */
final class SubscribeToShard extends EngineAction implements StreamingAction {

    private final Duration lifetime;

    SubscribeToShard(StreamEngine engine, Duration lifetime) {
        super(engine, "SubscribeToShard", Shapes.struct(
                "ConsumerARN", Shapes.CONSUMER_ARN.required(),
                "ShardId", Members.SHARD_ID,
                "StartingPosition", Shapes.requiredStruct(
                        "SequenceNumber", Shapes.SEQUENCE_NUMBER.optional(),
                        "Timestamp", Shapes.timestamp(),
                        "Type", Shapes.enumOf("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                                "LATEST", "AT_TIMESTAMP").required())));
        this.lifetime = lifetime;
    }

    @Override
    public String resource(Fields request) {
        return request.string("ConsumerARN");
    }

    @Override
    public EventSource open(Fields request, RequestContext context, ContentType format) {
        Fields position = request.struct("StartingPosition");
        Instant timestamp = position.timestamp("Timestamp");
        var subscription = engine.subscribeToShard(new SubscribeToShardRequest(request.string("ConsumerARN"),
                request.string("ShardId"), ShardIteratorType.valueOf(position.string("Type")),
                position.string("SequenceNumber"), timestamp == null ? null : timestamp.toEpochMilli()));
        return new SubscriptionEvents(subscription, format, engine.config().clock(), lifetime, context.requestId());
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        throw new UnsupportedOperationException("SubscribeToShard answers with an event stream: see open()");
    }
}
