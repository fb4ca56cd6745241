package io.sluice.core.meta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything durable about a stream except its records: identity, status, mode, retention, tags, shards and
 * their lineage, consumers, the UpdateShardCount history and the settings the server stores for it.
 * Persisted as {@code stream.json} in the stream's directory. Immutable: every change builds a new instance
 * (the {@code with*} methods), published by the owning stream after it is on disk.
 *
 * @param id                 the stream directory name ({@code s-<16 hex>}), never derived from the name
 * @param name               the stream name
 * @param createdMs          creation time, epoch ms (also encoded in every sequence number)
 * @param status             the recorded status; see {@link #statusAt(long)}
 * @param statusUntilMs      when a pending status (CREATING, UPDATING, DELETING) completes
 * @param mode               PROVISIONED or ON_DEMAND
 * @param retentionHours     24..8760
 * @param tags               tag key to value, sorted by key
 * @param shards             every shard not yet removed by retention, by index
 * @param nextShardIndex     the index the next new shard gets
 * @param consumers          registered consumers, by registration order
 * @param scalingEventsMs    times of UpdateShardCount calls within the last 24 h
 * @param encryptionType     NONE or KMS (stored and reported only)
 * @param keyId              the KMS key id given to StartStreamEncryption, or null
 * @param shardLevelMetrics  enhanced monitoring metrics (stored and reported only)
 * @param resourcePolicies   resource ARN (this stream or one of its consumers) to policy JSON (the server enforces them)
 */
public record StreamMetadata(String id, String name, long createdMs, StreamStatus status, long statusUntilMs,
                             StreamMode mode, int retentionHours, Map<String, String> tags,
                             List<ShardMetadata> shards, int nextShardIndex, List<ConsumerMetadata> consumers,
                             List<Long> scalingEventsMs, String encryptionType, String keyId,
                             List<String> shardLevelMetrics, Map<String, String> resourcePolicies) {

    public StreamMetadata {
        // Absent collections (files written by older versions) read as empty.
        tags = tags == null ? new TreeMap<>() : new TreeMap<>(tags);
        shards = shards == null ? List.of() : List.copyOf(shards);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        scalingEventsMs = scalingEventsMs == null ? List.of() : List.copyOf(scalingEventsMs);
        shardLevelMetrics = shardLevelMetrics == null ? List.of() : List.copyOf(shardLevelMetrics);
        resourcePolicies = resourcePolicies == null ? new TreeMap<>() : new TreeMap<>(resourcePolicies);
    }

    @Override
    public Map<String, String> resourcePolicies() {
        return Collections.unmodifiableMap(resourcePolicies);
    }

    @Override
    public Map<String, String> tags() {
        return Collections.unmodifiableMap(tags);
    }

    /** The status at {@code nowMs}: CREATING and UPDATING become ACTIVE once {@code statusUntilMs} passed. */
    public StreamStatus statusAt(long nowMs) {
        if ((status == StreamStatus.CREATING || status == StreamStatus.UPDATING) && nowMs >= statusUntilMs) {
            return StreamStatus.ACTIVE;
        }
        return status;
    }

    /** True once a DELETING stream's delay has passed and it must disappear. */
    public boolean isDeletedAt(long nowMs) {
        return status == StreamStatus.DELETING && nowMs >= statusUntilMs;
    }

    public List<ShardMetadata> openShards() {
        return shards.stream().filter(ShardMetadata::isOpen).toList();
    }

    public ShardMetadata shard(int index) {
        for (ShardMetadata s : shards) {
            if (s.index() == index) {
                return s;
            }
        }
        return null;
    }

    public StreamMetadata withStatus(StreamStatus newStatus, long untilMs) {
        return new StreamMetadata(id, name, createdMs, newStatus, untilMs, mode, retentionHours, tags, shards,
                nextShardIndex, consumers, scalingEventsMs, encryptionType, keyId, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withMode(StreamMode newMode) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, newMode, retentionHours, tags, shards,
                nextShardIndex, consumers, scalingEventsMs, encryptionType, keyId, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withRetentionHours(int hours) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, hours, tags, shards,
                nextShardIndex, consumers, scalingEventsMs, encryptionType, keyId, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withTags(Map<String, String> newTags) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, retentionHours, newTags, shards,
                nextShardIndex, consumers, scalingEventsMs, encryptionType, keyId, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withShards(List<ShardMetadata> newShards, int newNextShardIndex) {
        List<ShardMetadata> sorted = new ArrayList<>(newShards);
        sorted.sort(Comparator.comparingInt(ShardMetadata::index));
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, retentionHours, tags, sorted,
                newNextShardIndex, consumers, scalingEventsMs, encryptionType, keyId, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withConsumers(List<ConsumerMetadata> newConsumers) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, retentionHours, tags, shards,
                nextShardIndex, newConsumers, scalingEventsMs, encryptionType, keyId, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withScalingEvents(List<Long> events) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, retentionHours, tags, shards,
                nextShardIndex, consumers, events, encryptionType, keyId, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withEncryption(String type, String key) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, retentionHours, tags, shards,
                nextShardIndex, consumers, scalingEventsMs, type, key, shardLevelMetrics, resourcePolicies);
    }

    public StreamMetadata withShardLevelMetrics(List<String> metrics) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, retentionHours, tags, shards,
                nextShardIndex, consumers, scalingEventsMs, encryptionType, keyId, metrics, resourcePolicies);
    }

    public StreamMetadata withResourcePolicies(Map<String, String> policies) {
        return new StreamMetadata(id, name, createdMs, status, statusUntilMs, mode, retentionHours, tags, shards,
                nextShardIndex, consumers, scalingEventsMs, encryptionType, keyId, shardLevelMetrics, policies);
    }
}
