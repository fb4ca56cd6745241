package io.sluice.server.protocol;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The actions the server answers, keyed by operation name. Immutable once built. */
public final class ActionRegistry {

    public static final String TARGET_PREFIX = "Kinesis_20131202.";

    private final Map<String, Action> actions;

    public ActionRegistry(Collection<? extends Action> actions) {
        Map<String, Action> byName = new TreeMap<>();
        for (Action action : actions) {
            if (byName.put(action.name(), action) != null) {
                throw new IllegalArgumentException("Two actions named " + action.name());
            }
        }
        this.actions = Collections.unmodifiableMap(byName);
    }

    /** Every action, in name order. */
    public Collection<Action> all() {
        return actions.values();
    }

    /** The names of every action. */
    public Set<String> names() {
        return actions.keySet();
    }

    /** The action an {@code X-Amz-Target} header names, if the server has it. */
    public Optional<Action> forTarget(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(actions.get(target.substring(TARGET_PREFIX.length())));
    }
}
