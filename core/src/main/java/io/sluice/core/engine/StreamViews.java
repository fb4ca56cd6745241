package io.sluice.core.engine;

import io.sluice.core.api.ListStreamsResult;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamDescription;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.StreamStatistics;
import io.sluice.core.api.StreamSummary;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import io.sluice.core.stream.ShardIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

/** DescribeStream (paginated shards), DescribeStreamSummary and ListStreams. Read-only; thread-safe. */
public final class StreamViews {

    private final StreamRegistry registry;

    public StreamViews(StreamRegistry registry) {
        this.registry = registry;
    }

    public StreamDescription describe(StreamRef ref, Integer limit, String exclusiveStartShardId) {
        int max = limit == null ? 100 : Validation.range("limit", limit, 1, 10_000);
        StreamMetadata meta = registry.resolve(ref).metadata();
        int after = -1;
        if (exclusiveStartShardId != null) {
            OptionalInt parsed = ShardIds.parse(exclusiveStartShardId);
            after = parsed.isPresent() ? parsed.getAsInt() : -1;
        }
        List<ShardInfo> shards = new ArrayList<>();
        boolean more = false;
        for (ShardMetadata s : meta.shards()) {
            if (s.index() <= after) {
                continue;
            }
            if (shards.size() == max) {
                more = true;
                break;
            }
            shards.add(ShardViews.info(meta, s));
        }
        long now = registry.config().clock().millis();
        return new StreamDescription(meta.name(), registry.config().streamArn(meta.name()), meta.statusAt(now),
                meta.mode(), shards, more, meta.retentionHours(), meta.createdMs(), meta.shardLevelMetrics(),
                meta.encryptionType(), meta.keyId());
    }

    public StreamSummary summary(StreamRef ref) {
        return summary(registry.resolve(ref));
    }

    /** Every stream's consumers and shard counters, for monitoring. */
    public List<StreamStatistics> statistics() {
        long now = registry.config().clock().millis();
        List<StreamStatistics> all = new ArrayList<>();
        for (LiveStream stream : registry.all()) {
            StreamMetadata meta = stream.metadata();
            List<StreamStatistics.Shard> shards = new ArrayList<>();
            for (Shard shard : stream.shards()) {
                ShardMetadata shardMeta = meta.shard(shard.index());
                shards.add(new StreamStatistics.Shard(shard.id(), shardMeta != null && shardMeta.isOpen(),
                        shard.log().outOfServiceReason().isPresent() || stream.outOfServiceReason().isPresent(),
                        shard.log().sizeInBytes(), shard.counters().snapshot()));
            }
            int consumers = (int) meta.consumers().stream().filter(c -> c.statusAt(now) != null).count();
            all.add(new StreamStatistics(meta.name(), consumers, shards));
        }
        return all;
    }

    private StreamSummary summary(LiveStream stream) {
        StreamMetadata meta = stream.metadata();
        long now = registry.config().clock().millis();
        int consumers = (int) meta.consumers().stream().filter(c -> c.statusAt(now) != null).count();
        return new StreamSummary(meta.name(), registry.config().streamArn(meta.name()), meta.statusAt(now), meta.mode(),
                meta.retentionHours(), meta.createdMs(), meta.shardLevelMetrics(), meta.encryptionType(), meta.keyId(),
                meta.openShards().size(), consumers);
    }

    /**
     * ListStreams in name order. {@code nextToken} (from a previous page) and {@code exclusiveStartStreamName}
     * both continue after a name; the token is the base64 of the last name returned.
     */
    public ListStreamsResult list(Integer limit, String exclusiveStartStreamName, String nextToken) {
        int max = limit == null ? 100 : Validation.range("limit", limit, 1, 10_000);
        String after = exclusiveStartStreamName;
        if (nextToken != null) {
            if (exclusiveStartStreamName != null) {
                throw new InvalidArgumentException("NextToken and ExclusiveStartStreamName cannot be provided together.");
            }
            try {
                after = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("Invalid NextToken: " + nextToken);
            }
        }
        long now = registry.config().clock().millis();
        List<String> names = new ArrayList<>();
        List<StreamSummary> summaries = new ArrayList<>();
        boolean more = false;
        for (LiveStream s : registry.after(after)) {
            if (s.metadata().isDeletedAt(now)) {
                continue;
            }
            if (names.size() == max) {
                more = true;
                break;
            }
            names.add(s.name());
            summaries.add(summary(s));
        }
        String token = more ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(names.get(names.size() - 1).getBytes(StandardCharsets.UTF_8)) : null;
        return new ListStreamsResult(names, summaries, more, token);
    }
}
