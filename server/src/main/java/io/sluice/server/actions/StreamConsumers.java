package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.ConsumerDescription;
import io.sluice.core.api.ListConsumersResult;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.validation.Shapes;
import java.time.Instant;
import java.util.Map;

/** Register, Describe, List and DeregisterStreamConsumer: the enhanced fan-out consumer registry. */
final class StreamConsumers extends EngineAction {

    private enum Kind { REGISTER, DESCRIBE, LIST, DEREGISTER }

    private static final Shape CONSUMER_NAME = Shapes.STREAM_NAME.required();
    private static final Shape OPTIONAL_CONSUMER_NAME = Shapes.STREAM_NAME.optional();
    private static final Shape CONSUMER_ARN = Shapes.CONSUMER_ARN.optional();

    private final Kind kind;

    private StreamConsumers(StreamEngine engine, Kind kind, String name, StructShape input) {
        super(engine, name, input);
        this.kind = kind;
    }

    static StreamConsumers register(StreamEngine engine) {
        return new StreamConsumers(engine, Kind.REGISTER, "RegisterStreamConsumer", Shapes.struct(
                "ConsumerName", CONSUMER_NAME,
                "StreamARN", Members.REQUIRED_STREAM_ARN));
    }

    static StreamConsumers describe(StreamEngine engine) {
        return new StreamConsumers(engine, Kind.DESCRIBE, "DescribeStreamConsumer", Shapes.struct(
                "ConsumerARN", CONSUMER_ARN,
                "ConsumerName", OPTIONAL_CONSUMER_NAME,
                "StreamARN", Members.STREAM_ARN));
    }

    static StreamConsumers list(StreamEngine engine) {
        return new StreamConsumers(engine, Kind.LIST, "ListStreamConsumers", Shapes.struct(
                "MaxResults", Shapes.integer(1L, 10000L),
                "NextToken", Shapes.NEXT_TOKEN.optional(),
                "StreamARN", Members.REQUIRED_STREAM_ARN,
                "StreamCreationTimestamp", Shapes.timestamp()));
    }

    static StreamConsumers deregister(StreamEngine engine) {
        return new StreamConsumers(engine, Kind.DEREGISTER, "DeregisterStreamConsumer", Shapes.struct(
                "ConsumerARN", CONSUMER_ARN,
                "ConsumerName", OPTIONAL_CONSUMER_NAME,
                "StreamARN", Members.STREAM_ARN));
    }

    /**
     * Register and List: the stream. Describe and Deregister: the consumer's real ARN (with its creation time, as
     * policies name it), found by name when the request names the stream and the consumer; a request that names
     * neither, or a consumer that does not exist, fails here with the error execute would give.
     */
    @Override
    public String resource(Fields request) {
        String streamArn = request.string("StreamARN");
        String consumerArn = request.string("ConsumerARN");
        return switch (kind) {
            case REGISTER, LIST -> streamArn;
            case DESCRIBE, DEREGISTER -> consumerArn != null ? consumerArn
                    : engine.describeStreamConsumer(streamArn, request.string("ConsumerName"), null).consumerArn();
        };
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        String streamArn = request.string("StreamARN");
        return switch (kind) {
            case REGISTER -> Wire.struct("Consumer",
                    Wire.consumer(engine.registerStreamConsumer(streamArn, request.string("ConsumerName")), false));
            case DESCRIBE -> {
                ConsumerDescription consumer = engine.describeStreamConsumer(streamArn,
                        request.string("ConsumerName"), request.string("ConsumerARN"));
                yield Wire.struct("ConsumerDescription", Wire.consumer(consumer, true));
            }
            case LIST -> {
                Instant created = request.timestamp("StreamCreationTimestamp");
                ListConsumersResult result = engine.listStreamConsumers(streamArn, request.integer("MaxResults"),
                        request.string("NextToken"), created == null ? null : created.toEpochMilli());
                yield Wire.struct(
                        "Consumers", result.consumers().stream().map(c -> Wire.consumer(c, false)).toList(),
                        "NextToken", result.nextToken());
            }
            case DEREGISTER -> {
                engine.deregisterStreamConsumer(streamArn, request.string("ConsumerName"), request.string("ConsumerARN"));
                yield Map.of();
            }
        };
    }
}
