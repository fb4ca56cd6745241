package io.sluice.core.engine;

import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.limits.TokenBucket;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Amazon Kinesis's rules on who may subscribe to a shard: one subscription per consumer and shard. A second one
 * within {@link #IN_USE_MS} of the first's start is refused with {@code ResourceInUseException}; after that it
 * takes over and the first is {@linkplain Lease#revoked() revoked}. With limits on, a consumer may call
 * SubscribeToShard once a second per shard, and reads {@code 2 MiB/s} per shard of its own, apart from the
 * shard's shared GetRecords budget.
 *
 * <p>State per consumer and shard lives in a slot; a slot with no subscription is dropped once its call-rate
 * window has passed, so deregistered consumers and deleted streams leave nothing behind. Thread-safe (one lock;
 * held only to look up and swap a slot's lease).
 */
final class SubscriptionLeases {

    static final long IN_USE_MS = 5_000;
    private static final long CALL_INTERVAL_MS = 1_000;
    private static final int PRUNE_ABOVE_SLOTS = 1_024;

    /** One subscription's hold on its consumer and shard. */
    static final class Lease {
        private final long startedMs;
        private final TokenBucket readBudget;
        private final CompletableFuture<Void> revoked = new CompletableFuture<>();

        private Lease(long startedMs, TokenBucket readBudget) {
            this.startedMs = startedMs;
            this.readBudget = readBudget;
        }

        /** Completes when a newer subscription of the same consumer to the same shard took over. */
        CompletableFuture<Void> revoked() {
            return revoked;
        }

        /** The consumer's own read budget on this shard; null with limits off. */
        TokenBucket readBudget() {
            return readBudget;
        }
    }

    private static final class Slot {
        boolean called;
        long lastCallMs;
        Lease current;
        TokenBucket readBudget;
    }

    private final ThroughputLimits limits;
    private final Clock clock;
    private final Map<String, Slot> slots = new HashMap<>();

    SubscriptionLeases(ThroughputLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    synchronized Lease acquire(String consumerArn, String shardId) {
        long now = clock.millis();
        Slot slot = slots.computeIfAbsent(consumerArn + '\n' + shardId, key -> new Slot());
        if (slot.current != null && now - slot.current.startedMs < IN_USE_MS) {
            throw new ResourceInUseException("Another active subscription exists for this consumer: " + consumerArn
                    + " on shard " + shardId + "; a new one may take over " + IN_USE_MS / 1000 + " seconds after it started.");
        }
        if (limits.enabled() && slot.called && now - slot.lastCallMs < CALL_INTERVAL_MS) {
            throw new LimitExceededException("Rate exceeded for consumer " + consumerArn + " and shard " + shardId
                    + ": one SubscribeToShard call per second.");
        }
        slot.called = true;
        slot.lastCallMs = now;
        if (slot.current != null) {
            slot.current.revoked.complete(null);
        }
        if (limits.enabled() && slot.readBudget == null) {
            long perSecond = limits.readBytesPerSecond();
            slot.readBudget = new TokenBucket(clock, perSecond, perSecond);
        }
        slot.current = new Lease(now, slot.readBudget);
        if (slots.size() > PRUNE_ABOVE_SLOTS) {
            slots.values().removeIf(s -> s.current == null && now - s.lastCallMs >= CALL_INTERVAL_MS);
        }
        return slot.current;
    }

    /** Ends a subscription's hold, unless it was taken over already. */
    synchronized void release(String consumerArn, String shardId, Lease lease) {
        Slot slot = slots.get(consumerArn + '\n' + shardId);
        if (slot != null && slot.current == lease) {
            slot.current = null;
        }
    }
}
