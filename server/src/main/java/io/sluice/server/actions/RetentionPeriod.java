package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

/** IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod: one request shape, two directions. */
final class RetentionPeriod extends EngineAction {

    private final boolean increase;

    private RetentionPeriod(StreamEngine engine, boolean increase) {
        super(engine, increase ? "IncreaseStreamRetentionPeriod" : "DecreaseStreamRetentionPeriod", Shapes.struct(
                "RetentionPeriodHours", Shapes.requiredInteger(null, null),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
        this.increase = increase;
    }

    static RetentionPeriod increase(StreamEngine engine) {
        return new RetentionPeriod(engine, true);
    }

    static RetentionPeriod decrease(StreamEngine engine) {
        return new RetentionPeriod(engine, false);
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        if (increase) {
            engine.increaseStreamRetentionPeriod(Members.stream(request), request.integer("RetentionPeriodHours"));
        } else {
            engine.decreaseStreamRetentionPeriod(Members.stream(request), request.integer("RetentionPeriodHours"));
        }
        return Map.of();
    }
}
