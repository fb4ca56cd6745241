package io.sluice.core.engine;

import io.sluice.core.api.ConsumerDescription;
import io.sluice.core.api.ListConsumersResult;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.meta.ConsumerMetadata;
import io.sluice.core.meta.ConsumerStatus;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.stream.LiveStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registered stream consumers (enhanced fan-out): register, describe, list, deregister. At most 20 per stream
 * and 5 CREATING at once (LimitExceededException). A consumer ARN is
 * {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}. Statuses follow the configured consumer delay
 * (CREATING then ACTIVE; DELETING then gone), evaluated against the clock. Thread-safe (stream control lock).
 */
public final class ConsumerRegistry {

    public static final int MAX_CONSUMERS = 20;
    public static final int MAX_CREATING = 5;

    private final StreamRegistry registry;
    private final PageTokens tokens;
    private final String account;

    public ConsumerRegistry(StreamRegistry registry, PageTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
        this.account = registry.config().accountId();
    }

    public ConsumerDescription register(String streamArn, String consumerName) {
        Validation.required("streamARN", streamArn);
        Validation.name("consumerName", consumerName);
        LiveStream stream = registry.resolve(StreamRef.ofArn(streamArn));
        stream.controlLock().lock();
        try {
            long now = registry.config().clock().millis();
            StreamMetadata meta = stream.metadata();
            List<ConsumerMetadata> live = live(meta, now);
            if (live.stream().anyMatch(c -> c.name().equals(consumerName))) {
                throw new ResourceInUseException("Consumer " + consumerName + " under stream " + meta.name()
                        + " under account " + account + " already exists.");
            }
            if (live.size() >= MAX_CONSUMERS) {
                throw new LimitExceededException("Stream " + meta.name() + " under account " + account + " has "
                        + live.size() + " registered consumers, the maximum of " + MAX_CONSUMERS + ".");
            }
            long creating = live.stream().filter(c -> c.statusAt(now) == ConsumerStatus.CREATING).count();
            if (creating >= MAX_CREATING) {
                throw new LimitExceededException("Stream " + meta.name() + " under account " + account + " has "
                        + creating + " consumers in CREATING status, the maximum of " + MAX_CREATING
                        + "; retry once they are ACTIVE.");
            }
            String arn = registry.config().streamArn(meta.name()) + "/consumer/" + consumerName + ":" + now / 1000;
            ConsumerMetadata consumer = new ConsumerMetadata(consumerName, arn, now, ConsumerStatus.CREATING,
                    now + registry.config().consumerDelay().toMillis());
            List<ConsumerMetadata> next = new ArrayList<>(live);
            next.add(consumer);
            stream.commit(meta, meta.withConsumers(next));
            return view(meta, consumer, now);
        } catch (IOException e) {
            throw new UncheckedIOException("registering consumer " + consumerName, e);
        } finally {
            stream.controlLock().unlock();
        }
    }

    public ConsumerDescription describe(String streamArn, String consumerName, String consumerArn) {
        long now = registry.config().clock().millis();
        Found found = find(streamArn, consumerName, consumerArn, now);
        return view(found.stream.metadata(), found.consumer, now);
    }

    public void deregister(String streamArn, String consumerName, String consumerArn) {
        long now = registry.config().clock().millis();
        Found found = find(streamArn, consumerName, consumerArn, now);
        LiveStream stream = found.stream;
        stream.controlLock().lock();
        try {
            StreamMetadata meta = stream.metadata();
            List<ConsumerMetadata> next = new ArrayList<>();
            for (ConsumerMetadata c : live(meta, now)) {
                if (!c.arn().equals(found.consumer.arn())) {
                    next.add(c);
                } else if (!registry.config().consumerDelay().isZero()) {
                    next.add(new ConsumerMetadata(c.name(), c.arn(), c.createdMs(), ConsumerStatus.DELETING,
                            now + registry.config().consumerDelay().toMillis()));
                }
            }
            Map<String, String> policies = new TreeMap<>(meta.resourcePolicies());
            policies.remove(found.consumer.arn()); // a consumer's policy goes with it
            stream.commit(meta, meta.withConsumers(next).withResourcePolicies(policies));
        } catch (IOException e) {
            throw new UncheckedIOException("deregistering consumer " + found.consumer.name(), e);
        } finally {
            stream.controlLock().unlock();
        }
    }

    public ListConsumersResult list(String streamArn, Integer maxResults, String nextToken, Long streamCreatedMs) {
        int max = maxResults == null ? 100 : Validation.range("maxResults", maxResults, 1, 10_000);
        Validation.required("streamARN", streamArn);
        int skip = 0;
        if (nextToken != null) {
            String[] parts = tokens.open(nextToken).split("\n", -1);
            if (!parts[0].equals(streamArn)) {
                throw new InvalidArgumentException("NextToken was issued for stream " + parts[0] + ", not " + streamArn + ".");
            }
            skip = Integer.parseInt(parts[1]);
        }
        LiveStream stream = registry.resolve(StreamRef.ofArn(streamArn));
        if (streamCreatedMs != null && streamCreatedMs != stream.metadata().createdMs()) {
            throw new ResourceNotFoundException(Messages.streamNotFound(stream.name(), account));
        }
        long now = registry.config().clock().millis();
        List<ConsumerMetadata> live = live(stream.metadata(), now);
        List<ConsumerDescription> page = new ArrayList<>();
        for (int i = skip; i < live.size() && page.size() < max; i++) {
            page.add(view(stream.metadata(), live.get(i), now));
        }
        String next = skip + page.size() < live.size() ? tokens.issue(streamArn + "\n" + (skip + page.size())) : null;
        return new ListConsumersResult(page, next);
    }

    record Found(LiveStream stream, ConsumerMetadata consumer) {
    }

    /** The consumer with this ARN and its stream, if the consumer is ACTIVE (what SubscribeToShard needs). */
    Found requireActive(String consumerArn) {
        Validation.required("consumerARN", consumerArn);
        long now = registry.config().clock().millis();
        Found found = find(null, null, consumerArn, now);
        if (found.consumer.statusAt(now) != ConsumerStatus.ACTIVE) {
            throw new ResourceInUseException("Consumer " + found.consumer.name() + " with creation timestamp "
                    + found.consumer.createdMs() / 1000 + " under stream " + found.stream.name() + " under account "
                    + account + " is not in ACTIVE status.");
        }
        return found;
    }

    private Found find(String streamArn, String consumerName, String consumerArn, long now) {
        if (consumerArn == null && (streamArn == null || consumerName == null)) {
            throw new InvalidArgumentException("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        }
        String arnOfStream = streamArn;
        if (consumerArn != null) {
            int at = consumerArn.indexOf("/consumer/");
            if (at < 0) {
                throw Validation.error("consumerARN", consumerArn,
                        "satisfy regular expression pattern: ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
            }
            arnOfStream = consumerArn.substring(0, at);
        }
        LiveStream stream = registry.resolve(StreamRef.ofArn(arnOfStream));
        for (ConsumerMetadata c : live(stream.metadata(), now)) {
            boolean match = consumerArn != null ? c.arn().equals(consumerArn) : c.name().equals(consumerName);
            if (match) {
                return new Found(stream, c);
            }
        }
        throw new ResourceNotFoundException("Consumer " + (consumerArn != null ? consumerArn : consumerName)
                + " under stream " + stream.name() + " under account " + account + " not found.");
    }

    private static List<ConsumerMetadata> live(StreamMetadata meta, long now) {
        return meta.consumers().stream().filter(c -> c.statusAt(now) != null).toList();
    }

    private ConsumerDescription view(StreamMetadata meta, ConsumerMetadata c, long now) {
        return new ConsumerDescription(c.name(), c.arn(), c.statusAt(now), c.createdMs(),
                registry.config().streamArn(meta.name()));
    }
}
