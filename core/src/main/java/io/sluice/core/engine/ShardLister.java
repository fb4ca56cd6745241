package io.sluice.core.engine;

import io.sluice.core.api.ListShardsRequest;
import io.sluice.core.api.ListShardsResult;
import io.sluice.core.api.ShardFilter;
import io.sluice.core.api.ShardFilterType;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.meta.StreamStatus;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.ShardIds;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * ListShards with Kinesis's filters and expiring (300 s) pagination tokens.
 *
 * <p>Filters, with {@code T} the trim horizon time (now minus retention, but not before the stream was created):
 * AFTER_SHARD_ID: shards with a higher index than {@code ShardId}; AT_LATEST: open shards;
 * AT_TIMESTAMP(t): shards open at {@code t} (created at or before t, not closed before t);
 * FROM_TIMESTAMP(t): shards open at or after {@code t} (t raised to T); AT_TRIM_HORIZON = AT_TIMESTAMP(T);
 * FROM_TRIM_HORIZON = FROM_TIMESTAMP(T). A token encodes the stream, its creation time, the last shard index
 * returned, the filter and the page size. Stateless apart from its collaborators; thread-safe.
 */
public final class ShardLister {

    public static final long TOKEN_TTL_MS = 300_000;
    public static final int DEFAULT_MAX_RESULTS = 1000;

    private final StreamRegistry registry;
    private final PageTokens tokens;

    public ShardLister(StreamRegistry registry, PageTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
    }

    /** The name of the stream a NextToken lists (its first line); the token's own error when forged or expired. */
    public String streamNameOf(String nextToken) {
        String payload = tokens.open(nextToken);
        int lineEnd = payload.indexOf('\n');
        return lineEnd < 0 ? payload : payload.substring(0, lineEnd);
    }

    public ListShardsResult listShards(ListShardsRequest request) {
        boolean hasStream = request.stream() != null && (request.stream().name() != null || request.stream().arn() != null);
        if (hasStream == (request.nextToken() != null)) {
            throw new InvalidArgumentException(hasStream ? "NextToken and StreamName cannot be provided together."
                    : "Either NextToken or StreamName should be provided.");
        }
        if (request.maxResults() != null) {
            Validation.range("maxResults", request.maxResults(), 1, 10_000);
        }
        String streamName;
        long createdMs;
        int afterIndex;
        ShardFilter filter;
        int max;
        if (request.nextToken() != null) {
            if (request.exclusiveStartShardId() != null || request.shardFilter() != null
                    || request.streamCreationTimestampMs() != null) {
                throw new InvalidArgumentException("NextToken cannot be provided together with ExclusiveStartShardId, "
                        + "ShardFilter or StreamCreationTimestamp.");
            }
            String[] parts = tokens.open(request.nextToken()).split("\n", -1);
            streamName = parts[0];
            createdMs = Long.parseLong(parts[1]);
            afterIndex = Integer.parseInt(parts[2]);
            filter = parts[3].isEmpty() ? null : new ShardFilter(ShardFilterType.valueOf(parts[3]),
                    parts[4].isEmpty() ? null : parts[4], parts[5].isEmpty() ? null : Long.valueOf(parts[5]));
            max = request.maxResults() != null ? request.maxResults() : Integer.parseInt(parts[6]);
        } else {
            streamName = registry.nameOf(request.stream());
            createdMs = -1;
            afterIndex = -1;
            if (request.exclusiveStartShardId() != null) {
                afterIndex = shardIndex("exclusiveStartShardId", request.exclusiveStartShardId());
            }
            filter = request.shardFilter();
            max = request.maxResults() != null ? request.maxResults() : DEFAULT_MAX_RESULTS;
        }
        LiveStream stream = registry.resolve(StreamRef.named(streamName));
        StreamMetadata meta = stream.metadata();
        if (createdMs >= 0 && createdMs != meta.createdMs()) {
            throw new ResourceNotFoundException(Messages.streamNotFound(streamName, registry.config().accountId()));
        }
        if (request.streamCreationTimestampMs() != null && request.streamCreationTimestampMs() != meta.createdMs()) {
            throw new ResourceNotFoundException(Messages.streamNotFound(streamName, registry.config().accountId()));
        }
        StreamStatus status = meta.statusAt(registry.config().clock().millis());
        if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
            throw new ResourceInUseException(Messages.streamNotActive(streamName, registry.config().accountId(), status));
        }
        Predicate<ShardMetadata> matches = filter(meta, filter);
        List<ShardInfo> page = new ArrayList<>();
        int last = afterIndex;
        boolean more = false;
        for (ShardMetadata s : meta.shards()) {
            if (s.index() <= afterIndex || !matches.test(s)) {
                continue;
            }
            if (page.size() == max) {
                more = true;
                break;
            }
            page.add(ShardViews.info(meta, s));
            last = s.index();
        }
        String next = null;
        if (more) {
            next = tokens.issue(String.join("\n", meta.name(), Long.toString(meta.createdMs()), Integer.toString(last),
                    filter == null ? "" : filter.type().name(),
                    filter == null || filter.shardId() == null ? "" : filter.shardId(),
                    filter == null || filter.timestampMs() == null ? "" : filter.timestampMs().toString(),
                    Integer.toString(max)));
        }
        return new ListShardsResult(page, next);
    }

    private Predicate<ShardMetadata> filter(StreamMetadata meta, ShardFilter filter) {
        if (filter == null) {
            return s -> true;
        }
        Validation.required("shardFilter.type", filter.type());
        // The trim horizon is where the stream's oldest retained data starts: for a stream younger than its retention
        // that is its creation, so AT_TRIM_HORIZON lists its first shards (what KCL 2.x asks for to start from
        // TRIM_HORIZON), never nothing.
        long trimHorizon = Math.max(meta.createdMs(),
                registry.config().clock().millis() - meta.retentionHours() * 3_600_000L);
        return switch (filter.type()) {
            case AFTER_SHARD_ID -> {
                if (filter.shardId() == null) {
                    throw new InvalidArgumentException("ShardId must be provided for the AFTER_SHARD_ID ShardFilter type.");
                }
                int after = shardIndex("shardFilter.shardId", filter.shardId());
                yield s -> s.index() > after;
            }
            case AT_LATEST -> ShardMetadata::isOpen;
            case AT_TRIM_HORIZON -> openAt(trimHorizon);
            case FROM_TRIM_HORIZON -> openFrom(trimHorizon);
            case AT_TIMESTAMP -> openAt(timestamp(filter));
            case FROM_TIMESTAMP -> openFrom(Math.max(trimHorizon, timestamp(filter)));
        };
    }

    private static Predicate<ShardMetadata> openAt(long t) {
        return s -> s.createdMs() <= t && (s.closedMs() == null || s.closedMs() >= t);
    }

    private static Predicate<ShardMetadata> openFrom(long t) {
        return s -> s.closedMs() == null || s.closedMs() >= t;
    }

    private static long timestamp(ShardFilter filter) {
        if (filter.timestampMs() == null) {
            throw new InvalidArgumentException("Timestamp must be provided for the " + filter.type() + " ShardFilter type.");
        }
        return filter.timestampMs();
    }

    private static int shardIndex(String field, String shardId) {
        Validation.length(field, shardId, 1, 128);
        OptionalInt index = ShardIds.parse(shardId);
        if (index.isEmpty()) {
            throw Validation.error(field, shardId, "satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return index.getAsInt();
    }
}
