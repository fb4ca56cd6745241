package io.sluice.server.actions;

import io.sluice.core.api.StreamRef;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape;
import io.sluice.server.validation.Shapes;

/** Request members many actions share, declared once with the Kinesis model's constraints. */
final class Members {

    static final Shape STREAM_NAME = Shapes.STREAM_NAME.optional();
    static final Shape STREAM_ARN = Shapes.STREAM_ARN.optional();
    static final Shape REQUIRED_STREAM_ARN = Shapes.STREAM_ARN.required();
    static final Shape SHARD_ID = Shapes.SHARD_ID.required();
    static final Shape STREAM_MODE_DETAILS = Shapes.struct("StreamMode", Shapes.enumOf("PROVISIONED", "ON_DEMAND").required());
    static final Shape TAG_MAP = Shapes.map(false, Shapes.TAG_KEY.required(), Shapes.TAG_VALUE.required(), 1, 200);
    static final Shape TAG_KEYS = Shapes.list(true, Shapes.TAG_KEY.required(), 1, 50);
    static final Shape SHARD_LEVEL_METRICS = Shapes.list(true, Shapes.enumOf("IncomingBytes", "IncomingRecords",
            "OutgoingBytes", "OutgoingRecords", "WriteProvisionedThroughputExceeded",
            "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds", "ALL").required(), 1, 7);

    private Members() {
    }

    /** The stream a request names by {@code StreamName}, {@code StreamARN} or both (the engine checks they agree). */
    static StreamRef stream(Fields request) {
        return new StreamRef(request.string("StreamName"), request.string("StreamARN"));
    }
}
