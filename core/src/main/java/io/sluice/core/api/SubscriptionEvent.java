package io.sluice.core.api;

import java.util.List;

/**
 * One {@code SubscribeToShardEvent}. {@code continuationSequenceNumber} is what a client resubscribes after
 * ({@code AFTER_SEQUENCE_NUMBER}); it is null only in the last event of a closed shard, which lists the shard's
 * {@code childShards} (otherwise empty).
 */
public record SubscriptionEvent(List<StreamRecord> records, String continuationSequenceNumber,
                                long millisBehindLatest, List<ChildShard> childShards) {

    public boolean shardEnded() {
        return continuationSequenceNumber == null;
    }
}
