package io.sluice.core.engine;

import io.sluice.core.api.ListTagsResult;
import io.sluice.core.api.MonitoringChange;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.Tag;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.meta.StreamMode;
import io.sluice.core.meta.StreamStatus;
import io.sluice.core.stream.LiveStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The per-stream settings: tags, retention period, capacity mode, and the encryption / enhanced monitoring
 * settings that are stored and reported. Each change runs under the stream's control lock and is on disk before
 * it is visible. Thread-safe.
 */
public final class StreamSettings {

    public static final int MIN_RETENTION_HOURS = 24;
    public static final int MAX_RETENTION_HOURS = 8760;

    private final StreamRegistry registry;
    private final String account;

    public StreamSettings(StreamRegistry registry) {
        this.registry = registry;
        this.account = registry.config().accountId();
    }

    public void addTags(StreamRef ref, Map<String, String> tags) {
        Validation.required("tags", tags);
        if (tags.isEmpty()) {
            throw Validation.error("tags", "{}", "have length greater than or equal to 1");
        }
        Tags.validate(tags);
        change(ref, false, meta -> {
            Tags.checkNoPercent(tags.keySet(), "add tags to", meta.name(), account);
            Tags.checkNoPercent(tags.values(), "add tags to", meta.name(), account);
            Map<String, String> merged = new TreeMap<>(meta.tags());
            tags.forEach((k, v) -> merged.put(k, v == null ? "" : v));
            if (merged.size() > Tags.MAX_TAGS) {
                throw Tags.tooMany(meta.name(), account);
            }
            return meta.withTags(merged);
        });
    }

    public void removeTags(StreamRef ref, Collection<String> keys) {
        Validation.required("tagKeys", keys);
        if (keys.isEmpty()) {
            throw Validation.error("tagKeys", "[]", "have length greater than or equal to 1");
        }
        if (keys.size() > Tags.MAX_TAGS) {
            throw Validation.error("tagKeys", keys, "have length less than or equal to " + Tags.MAX_TAGS);
        }
        change(ref, false, meta -> { // the stream is checked first, then the keys' characters, as AWS does
            Tags.checkCharacters(keys);
            Tags.checkNoPercent(keys, "remove tags from", meta.name(), account);
            Map<String, String> left = new TreeMap<>(meta.tags());
            keys.forEach(left::remove);
            return meta.withTags(left);
        });
    }

    public ListTagsResult listTags(StreamRef ref, String exclusiveStartTagKey, Integer limit) {
        int max = limit == null ? 50 : Validation.range("limit", limit, 1, 50);
        StreamMetadata meta = registry.resolve(ref).metadata();
        List<Tag> tags = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, String> e : meta.tags().entrySet()) {
            if (exclusiveStartTagKey != null && e.getKey().compareTo(exclusiveStartTagKey) <= 0) {
                continue;
            }
            if (tags.size() == max) {
                more = true;
                break;
            }
            tags.add(new Tag(e.getKey(), e.getValue()));
        }
        return new ListTagsResult(tags, more);
    }

    public void increaseRetention(StreamRef ref, Integer hours) {
        int h = checkRetention(hours);
        change(ref, true, meta -> {
            if (h < meta.retentionHours()) {
                throw new InvalidArgumentException("Requested retention period (" + h + " hours) for stream "
                        + meta.name() + " can not be shorter than existing retention period ("
                        + meta.retentionHours() + " hours). Use DecreaseRetentionPeriod API.");
            }
            return meta.withRetentionHours(h);
        });
    }

    public void decreaseRetention(StreamRef ref, Integer hours) {
        int h = checkRetention(hours);
        change(ref, true, meta -> {
            if (h > meta.retentionHours()) {
                throw new InvalidArgumentException("Requested retention period (" + h + " hours) for stream "
                        + meta.name() + " can not be longer than existing retention period ("
                        + meta.retentionHours() + " hours). Use IncreaseRetentionPeriod API.");
            }
            return meta.withRetentionHours(h);
        });
    }

    private static int checkRetention(Integer hours) {
        Validation.required("retentionPeriodHours", hours);
        if (hours < MIN_RETENTION_HOURS) {
            throw new InvalidArgumentException("Minimum allowed retention period is " + MIN_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw new InvalidArgumentException("Maximum allowed retention period is " + MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
        return hours;
    }

    public void updateMode(StreamRef ref, StreamMode mode) {
        Validation.required("streamModeDetails.streamMode", mode);
        change(ref, true, meta -> {
            if (meta.mode() == mode) {
                throw new InvalidArgumentException("Stream " + meta.name() + " under account " + account
                        + " is already in " + mode + " mode.");
            }
            if (mode == StreamMode.ON_DEMAND && registry.onDemandStreamCount() >= registry.config().onDemandStreamLimit()) {
                throw new LimitExceededException("This request would exceed the on-demand stream limit of "
                        + registry.config().onDemandStreamLimit() + " for the account " + account + " in "
                        + registry.config().region() + ".");
            }
            return meta.withMode(mode);
        });
    }

    public void startEncryption(StreamRef ref, String encryptionType, String keyId) {
        if (!"KMS".equals(encryptionType)) { // NONE passes the model's enum but starts nothing
            throw new InvalidArgumentException("StartStreamEncryption needs EncryptionType KMS, got "
                    + encryptionType + "; StopStreamEncryption turns encryption off.");
        }
        Validation.length("keyId", keyId, 1, 2048);
        change(ref, true, meta -> meta.withEncryption("KMS", keyId));
    }

    public void stopEncryption(StreamRef ref, String encryptionType, String keyId) {
        Validation.length("keyId", keyId, 1, 2048);
        change(ref, true, meta -> meta.withEncryption("NONE", null));
    }

    /** Enable (or disable) enhanced monitoring; returns the metrics before and after. */
    public MonitoringChange setMonitoring(StreamRef ref, Collection<String> metrics, boolean enable) {
        Validation.required("shardLevelMetrics", metrics);
        MonitoringChange[] change = new MonitoringChange[1];
        change(ref, false, meta -> {
            LinkedHashSet<String> set = new LinkedHashSet<>(meta.shardLevelMetrics());
            List<String> requested = metrics.contains("ALL")
                    ? List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
                    "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds")
                    : List.copyOf(metrics);
            if (enable) {
                set.addAll(requested);
            } else {
                requested.forEach(set::remove);
            }
            change[0] = new MonitoringChange(meta.shardLevelMetrics(), List.copyOf(set));
            return meta.withShardLevelMetrics(change[0].desired());
        });
        return change[0];
    }

    /**
     * Applies a change under the stream's control lock and commits it; {@code updating} changes require an
     * ACTIVE stream and leave it UPDATING for the configured delay.
     */
    private void change(StreamRef ref, boolean updating, UnaryOperator<StreamMetadata> change) {
        LiveStream stream = registry.resolve(ref);
        stream.controlLock().lock();
        try {
            StreamMetadata meta = stream.metadata();
            long now = registry.config().clock().millis();
            StreamStatus status = meta.statusAt(now);
            if (status == StreamStatus.DELETING) {
                throw new ResourceNotFoundException(Messages.streamNotFound(meta.name(), account));
            }
            if (updating && status != StreamStatus.ACTIVE) {
                throw new ResourceInUseException(Messages.streamNotActive(meta.name(), account, status));
            }
            StreamMetadata next = change.apply(meta);
            if (updating && !registry.config().updateDelay().isZero()) {
                next = next.withStatus(StreamStatus.UPDATING, now + registry.config().updateDelay().toMillis());
            }
            stream.commit(meta, next);
        } catch (IOException e) {
            throw new UncheckedIOException("updating stream " + stream.name(), e);
        } finally {
            stream.controlLock().unlock();
        }
    }
}
