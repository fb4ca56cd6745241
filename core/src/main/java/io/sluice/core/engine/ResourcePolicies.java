package io.sluice.core.engine;

import io.sluice.core.api.StreamRef;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.stream.LiveStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Put/Get/DeleteResourcePolicy storage. A resource is a stream ARN or one of its consumers' ARNs; the policy JSON
 * is stored verbatim in the stream's metadata (the server parses and enforces it). Thread-safe (stream control
 * lock).
 */
public final class ResourcePolicies {

    public static final int MAX_POLICY_LENGTH = 20_480;

    private final StreamRegistry registry;

    public ResourcePolicies(StreamRegistry registry) {
        this.registry = registry;
    }

    public void put(String resourceArn, String policy) {
        Validation.length("policy", policy, 1, MAX_POLICY_LENGTH);
        update(resourceArn, policy);
    }

    public Optional<String> get(String resourceArn) {
        LiveStream stream = streamOf(resourceArn);
        return Optional.ofNullable(stream.metadata().resourcePolicies().get(resourceArn));
    }

    public void delete(String resourceArn) {
        LiveStream stream = streamOf(resourceArn);
        if (!stream.metadata().resourcePolicies().containsKey(resourceArn)) {
            throw new ResourceNotFoundException("No resource policy found for resource ARN " + resourceArn + ".");
        }
        update(resourceArn, null);
    }

    private void update(String resourceArn, String policy) {
        LiveStream stream = streamOf(resourceArn);
        stream.controlLock().lock();
        try {
            StreamMetadata meta = stream.metadata();
            Map<String, String> policies = new TreeMap<>(meta.resourcePolicies());
            if (policy == null) {
                policies.remove(resourceArn);
            } else {
                policies.put(resourceArn, policy);
            }
            stream.commit(meta, meta.withResourcePolicies(policies));
        } catch (IOException e) {
            throw new UncheckedIOException("storing the resource policy of " + resourceArn, e);
        } finally {
            stream.controlLock().unlock();
        }
    }

    /** The stream a stream or consumer ARN belongs to; for a consumer ARN the consumer must exist. */
    private LiveStream streamOf(String resourceArn) {
        Validation.length("resourceARN", resourceArn, 1, 2048);
        int at = resourceArn.indexOf("/consumer/");
        String streamArn = at < 0 ? resourceArn : resourceArn.substring(0, at);
        LiveStream stream = registry.resolve(StreamRef.ofArn(streamArn));
        if (at >= 0) {
            long now = registry.config().clock().millis();
            boolean exists = stream.metadata().consumers().stream()
                    .anyMatch(c -> c.arn().equals(resourceArn) && c.statusAt(now) != null);
            if (!exists) {
                throw new ResourceNotFoundException("Consumer " + resourceArn + " under stream " + stream.name()
                        + " under account " + registry.config().accountId() + " not found.");
            }
        }
        return stream;
    }
}
