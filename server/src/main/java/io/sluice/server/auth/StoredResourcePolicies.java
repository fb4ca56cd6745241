package io.sluice.server.auth;

import io.sluice.core.StreamEngine;
import io.sluice.core.error.KinesisException;
import io.sluice.server.logging.LogText;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource policy attached to a stream or consumer ARN, read from the engine (where PutResourcePolicy stored
 * it) and parsed once per distinct policy text. A resource that does not exist has no policy. Thread-safe.
 *
 * <p>A stored policy that today's rules refuse (stored by an older Sluice that checked less) fails closed: it is
 * enforced as a Deny of every action but Put/Get/DeleteResourcePolicy, so the resource is unusable until it is
 * replaced or deleted, and a warning says why. It never turns requests into internal failures.
 */
public final class StoredResourcePolicies implements Function<String, Policy> {

    private static final Logger log = LoggerFactory.getLogger(StoredResourcePolicies.class);
    private static final int MAX_CACHED = 1024;
    private static final List<String> REPAIR_ACTIONS =
            List.of("kinesis:PutResourcePolicy", "kinesis:GetResourcePolicy", "kinesis:DeleteResourcePolicy");

    private final StreamEngine engine;
    private final Map<String, Policy> parsed = new ConcurrentHashMap<>();

    public StoredResourcePolicies(StreamEngine engine) {
        this.engine = engine;
    }

    @Override
    public Policy apply(String arn) {
        if (!arn.startsWith("arn:")) {
            return null;
        }
        try {
            return engine.getResourcePolicy(arn).map(text -> parse(arn, text)).orElse(null);
        } catch (KinesisException noSuchResource) {
            return null;
        }
    }

    private Policy parse(String arn, String text) {
        if (parsed.size() > MAX_CACHED) {
            parsed.clear(); // policies were replaced many times; keep the cache bounded
        }
        return parsed.computeIfAbsent(text, t -> {
            try {
                return Policy.parse(t, true);
            } catch (InvalidPolicyException e) {
                log.warn("The resource policy of {} is refused by this Sluice version ({}); until it is replaced "
                        + "(PutResourcePolicy) or deleted (DeleteResourcePolicy), every other action on it is denied",
                        LogText.of(arn), LogText.of(e.getMessage())); // both quote what a client stored
                return Policy.denyAllBut(REPAIR_ACTIONS);
            }
        });
    }
}
