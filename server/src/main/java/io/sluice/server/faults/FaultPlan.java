package io.sluice.server.faults;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which faults the server injects, per action, to exercise clients' retry paths — off unless
 * {@code --faults SPEC} is given. SPEC is {@code ACTION:KIND=VALUE[,KIND=VALUE]...} groups separated by {@code ;},
 * where ACTION is an action name or {@code *} (every action; a named action's values win over it, kind by kind):
 *
 * <pre>
 *   *:internal=0.01;PutRecords:throttle-entry=0.1,latency-ms=20;GetRecords:throttle=0.2
 * </pre>
 *
 * Kinds: {@code throttle} (probability that a call is refused as throttled), {@code throttle-entry} (PutRecords
 * only: probability that an entry fails as throttled while the others are written), {@code internal} (probability
 * of a 500 InternalFailure) and {@code latency-ms} (added to every call). Immutable.
 */
public final class FaultPlan {

    /** One kind of fault. */
    public enum Kind {
        THROTTLE("throttle"), THROTTLE_ENTRY("throttle-entry"), INTERNAL("internal"), LATENCY_MS("latency-ms");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        static Kind parse(String text, String group) {
            for (Kind kind : values()) {
                if (kind.spelling.equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("faults: unknown kind '" + text + "' in '" + group
                    + "'; kinds are throttle, throttle-entry, internal, latency-ms");
        }
    }

    public static final FaultPlan NONE = new FaultPlan(Map.of());
    private static final String EVERY_ACTION = "*";

    private final Map<String, Map<Kind, Double>> byAction;

    private FaultPlan(Map<String, Map<Kind, Double>> byAction) {
        this.byAction = byAction;
    }

    /** Parses SPEC; {@code actions} are the names the server serves, so a misspelt one is an error, not a no-op. */
    public static FaultPlan parse(String spec, Set<String> actions) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<String, Map<Kind, Double>> byAction = new LinkedHashMap<>();
        for (String group : spec.split(";")) {
            group = group.trim();
            int colon = group.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("faults: '" + group + "' is not ACTION:KIND=VALUE[,KIND=VALUE...]");
            }
            String action = group.substring(0, colon).trim();
            if (!action.equals(EVERY_ACTION) && !actions.contains(action)) {
                throw new IllegalArgumentException("faults: unknown action '" + action + "'; use * or one of "
                        + new TreeSet<>(actions));
            }
            Map<Kind, Double> kinds = byAction.computeIfAbsent(action, a -> new EnumMap<>(Kind.class));
            for (String setting : group.substring(colon + 1).split(",")) {
                int equals = setting.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("faults: '" + setting.trim() + "' in '" + group
                            + "' is not KIND=VALUE");
                }
                Kind kind = Kind.parse(setting.substring(0, equals).trim().toLowerCase(Locale.ROOT), group);
                kinds.put(kind, value(kind, setting.substring(equals + 1).trim(), action, group));
            }
        }
        return new FaultPlan(byAction);
    }

    private static double value(Kind kind, String text, String action, String group) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("faults: " + kind.spelling + "=" + text + " in '" + group
                    + "' is not a number", e);
        }
        if (kind == Kind.LATENCY_MS) {
            if (value < 0 || value > 60_000 || value != Math.rint(value)) {
                throw new IllegalArgumentException("faults: latency-ms=" + text + " in '" + group
                        + "' is not a whole number of milliseconds in 0..60000");
            }
        } else if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("faults: " + kind.spelling + "=" + text + " in '" + group
                    + "' is not a probability in 0..1");
        }
        if (kind == Kind.THROTTLE_ENTRY && !action.equals("PutRecords") && !action.equals(EVERY_ACTION)) {
            throw new IllegalArgumentException("faults: throttle-entry in '" + group + "' applies to PutRecords only");
        }
        return value;
    }

    public boolean isEmpty() {
        return byAction.isEmpty();
    }

    /** The value of {@code kind} for {@code action}: its own, else the one for every action, else 0. */
    public double value(String action, Kind kind) {
        Double own = byAction.getOrDefault(action, Map.of()).get(kind);
        return own != null ? own : byAction.getOrDefault(EVERY_ACTION, Map.of()).getOrDefault(kind, 0.0);
    }
}
