package io.sluice.core.engine;

import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.SubscribeToShardRequest;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import io.sluice.core.stream.ShardIds;
import java.util.OptionalInt;

/**
 * SubscribeToShard: everything checked before a subscription's first event — the consumer is ACTIVE, the shard
 * exists, the starting position is valid, the consumer may subscribe now ({@link SubscriptionLeases}) — then a
 * {@link ShardSubscription} at the starting position. Thread-safe.
 */
public final class ShardSubscriptions {

    private final StreamRegistry registry;
    private final ConsumerRegistry consumers;
    private final RecordReader reader;
    private final SubscriptionLeases leases;
    private final String account;

    public ShardSubscriptions(StreamRegistry registry, ConsumerRegistry consumers, RecordReader reader) {
        this.registry = registry;
        this.consumers = consumers;
        this.reader = reader;
        this.leases = new SubscriptionLeases(registry.config().limits(), registry.config().clock());
        this.account = registry.config().accountId();
    }

    public ShardSubscription subscribe(SubscribeToShardRequest request) {
        ShardIteratorType type = Validation.required("startingPosition.type", request.type());
        Validation.required("shardId", request.shardId());
        ConsumerRegistry.Found found = consumers.requireActive(request.consumerArn());
        LiveStream stream = found.stream();
        StreamMetadata meta = stream.metadata();
        OptionalInt index = ShardIds.parse(request.shardId());
        Shard shard = index.isPresent() ? stream.shard(index.getAsInt()) : null;
        ShardMetadata shardMeta = index.isPresent() ? meta.shard(index.getAsInt()) : null;
        if (shard == null || shardMeta == null) {
            throw new ResourceNotFoundException(Messages.shardDoesNotExist(request.shardId(), meta.name(), account));
        }
        reader.checkStartingPosition(type, request.startingSequenceNumber(), request.timestampMs(),
                registry.config().clock().millis());
        long offset = reader.startingOffset("SubscribeToShard", meta, shard, shardMeta, type,
                request.startingSequenceNumber(), request.timestampMs());
        String shardId = ShardIds.format(shard.index());
        SubscriptionLeases.Lease lease = leases.acquire(request.consumerArn(), shardId);
        return new ShardSubscription(reader, leases, lease, stream, shard, request.consumerArn(), offset, account,
                registry.config().clock());
    }
}
