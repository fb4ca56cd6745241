package io.sluice.server.faults;

import io.sluice.server.protocol.RequestContext;
import io.sluice.server.protocol.StreamingAction;
import io.sluice.server.validation.Fields;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.EventSource;
import java.util.Random;

/** {@link FaultyAction} for an action answered with an event stream: the call's faults come before it opens. */
final class FaultyStreamingAction extends FaultyAction implements StreamingAction {

    private final StreamingAction action;

    FaultyStreamingAction(StreamingAction action, FaultPlan plan, Random random) {
        super(action, plan, random);
        this.action = action;
    }

    @Override
    public EventSource open(Fields request, RequestContext context, ContentType format) {
        injectCallFaults(context);
        return action.open(request, context, format);
    }
}
