package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.ErrorType;
import io.sluice.server.protocol.KinesisException;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

/**
 * SubscribeToShard (enhanced fan-out push over an HTTP/2 event stream) is not served yet. The request is still
 * validated like the real one, then answered with one clear error that says what to use instead.
 */
final class SubscribeToShard extends EngineAction {

    static final String NOT_SERVED = "SubscribeToShard (enhanced fan-out) is not served by this Sluice version; "
            + "read the shard with GetShardIterator and GetRecords instead";

    SubscribeToShard(StreamEngine engine) {
        super(engine, "SubscribeToShard", Shapes.struct(
                "ConsumerARN", Shapes.CONSUMER_ARN.required(),
                "ShardId", Members.SHARD_ID,
                "StartingPosition", Shapes.requiredStruct(
                        "SequenceNumber", Shapes.SEQUENCE_NUMBER.optional(),
                        "Timestamp", Shapes.timestamp(),
                        "Type", Shapes.enumOf("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                                "LATEST", "AT_TIMESTAMP").required())));
    }

    @Override
    public String resource(Fields request) {
        return request.string("ConsumerARN");
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        throw new KinesisException(ErrorType.INVALID_ARGUMENT, NOT_SERVED);
    }
}
