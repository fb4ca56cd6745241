package io.sluice.server.faults;

import io.sluice.server.protocol.Action;
import io.sluice.server.protocol.ActionRegistry;
import io.sluice.server.protocol.StreamingAction;
import java.util.Random;

/** Puts a {@link FaultPlan} in front of every action of a registry; with no faults planned, the registry as it is. */
public final class FaultInjection {

    private FaultInjection() {
    }

    /** {@code seed} makes the faults repeatable (tests); {@code null} draws them from a random seed. */
    public static ActionRegistry apply(ActionRegistry actions, FaultPlan plan, Long seed) {
        if (plan.isEmpty()) {
            return actions;
        }
        Random random = seed == null ? new Random() : new Random(seed);
        return new ActionRegistry(actions.all().stream()
                .map(action -> action instanceof StreamingAction streaming
                        ? new FaultyStreamingAction(streaming, plan, random)
                        : (Action) new FaultyAction(action, plan, random))
                .toList());
    }
}
