package io.sluice.server.auth;

import io.sluice.core.StreamEngine;
import io.sluice.core.error.KinesisException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The resource policy attached to a stream, read from the engine (where PutResourcePolicy stored it) and parsed
 * once per distinct policy text. A stream that does not exist has no policy. Thread-safe.
 */
public final class StoredResourcePolicies implements Function<String, Policy> {

    private static final int MAX_CACHED = 1024;

    private final StreamEngine engine;
    private final Map<String, Policy> parsed = new ConcurrentHashMap<>();

    public StoredResourcePolicies(StreamEngine engine) {
        this.engine = engine;
    }

    @Override
    public Policy apply(String streamArn) {
        if (!streamArn.startsWith("arn:")) {
            return null;
        }
        try {
            return engine.getResourcePolicy(streamArn).map(this::parse).orElse(null);
        } catch (KinesisException noSuchStream) {
            return null;
        }
    }

    private Policy parse(String text) {
        if (parsed.size() > MAX_CACHED) {
            parsed.clear(); // policies were replaced many times; keep the cache bounded
        }
        return parsed.computeIfAbsent(text, t -> Policy.parse(t, true));
    }
}
