package io.sluice.core.engine;

import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.SubscriptionEvent;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.limits.TokenBucket;
import io.sluice.core.seq.SequenceNumber;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import io.sluice.core.stream.ShardIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One consumer's subscription to one shard (enhanced fan-out), as a pull source for whoever pushes its events:
 * {@link #poll} reads what is there, {@link #wakeUp()} says when to poll again. The transport decides the pace
 * (it polls only once the previous event is written, so a subscriber that stops reading stops the reads) and
 * when an idle subscription is due an empty event; this class keeps the position, the continuation numbers and
 * the consumer's own read budget.
 *
 * <p>Not thread-safe: one transport drives it, one call at a time. {@link #close()} gives the consumer's hold on
 * the shard back.
 */
public final class ShardSubscription implements AutoCloseable {

    /** Data per event: small enough that a subscriber holds little, large enough for 2 MiB/s in two events. */
    static final long MAX_EVENT_BYTES = 1024 * 1024;
    private static final int MAX_EVENT_RECORDS = RecordReader.MAX_LIMIT;

    private final RecordReader reader;
    private final SubscriptionLeases leases;
    private final SubscriptionLeases.Lease lease;
    private final LiveStream stream;
    private final long streamCreatedMs;
    private final Shard shard;
    private final String consumerArn;
    private final String account;
    private final Clock clock;
    private long offset;
    private boolean ended;
    private final AtomicBoolean closed = new AtomicBoolean(); // the transport may close from another thread
    private volatile CompletableFuture<Void> wakeUp; // completed by an append, or by a takeover on another thread

    ShardSubscription(RecordReader reader, SubscriptionLeases leases, SubscriptionLeases.Lease lease,
                      LiveStream stream, Shard shard, String consumerArn, long offset, String account, Clock clock) {
        this.reader = reader;
        this.leases = leases;
        this.lease = lease;
        this.stream = stream;
        this.streamCreatedMs = stream.metadata().createdMs();
        this.shard = shard;
        this.consumerArn = consumerArn;
        this.offset = offset;
        this.account = account;
        this.clock = clock;
        shard.counters().subscribed();
        lease.revoked().thenRun(() -> {
            CompletableFuture<Void> waiting = wakeUp;
            if (waiting != null) {
                waiting.complete(null);
            }
        });
    }

    public String shardId() {
        return ShardIds.format(shard.index());
    }

    /**
     * The next event: records when some are there (within the consumer's budget), the shard's end when reached,
     * else — only if {@code evenIfEmpty} — an event with no records that carries the continuation number. Empty
     * when there is nothing to send. Throws {@code ResourceInUseException} once another subscription took over,
     * {@code ResourceNotFoundException} once the stream or shard is gone; nothing is returned after the shard's end.
     */
    public Optional<SubscriptionEvent> poll(boolean evenIfEmpty) {
        if (lease.revoked().isDone()) {
            throw new ResourceInUseException("Another active subscription exists for this consumer: " + consumerArn
                    + " on shard " + shardId() + "; this one was taken over.");
        }
        if (ended) {
            return Optional.empty();
        }
        if (stream.isRemoved() || stream.shard(shard.index()) != shard
                || stream.metadata().createdMs() != streamCreatedMs) {
            throw new ResourceNotFoundException(Messages.shardDoesNotExist(shardId(), stream.name(), account));
        }
        TokenBucket budget = lease.readBudget();
        if (budget != null && !budget.hasAvailable(1)) {
            return evenIfEmpty ? Optional.of(event(List.of(), 0)) : Optional.empty();
        }
        RecordReader.ShardRead read;
        try {
            read = reader.read(stream, shard, offset, MAX_EVENT_RECORDS, MAX_EVENT_BYTES, clock.millis());
        } catch (IOException e) {
            if (stream.isRemoved() || stream.shard(shard.index()) == null) { // deleted, or removed by retention
                throw new ResourceNotFoundException(Messages.shardDoesNotExist(shardId(), stream.name(), account));
            }
            throw new UncheckedIOException("reading " + shardId() + " of stream " + stream.name(), e);
        }
        if (budget != null) {
            budget.take(read.bytes()); // may go into debt: the next read waits until it is repaid
        }
        shard.counters().pushed(read.records().size(), read.bytes());
        offset = read.nextOffset();
        if (read.shardEnded()) {
            ended = true;
            return Optional.of(new SubscriptionEvent(read.records(), null, read.millisBehindLatest(), read.children()));
        }
        if (read.records().isEmpty() && !evenIfEmpty) {
            return Optional.empty();
        }
        return Optional.of(event(read.records(), read.millisBehindLatest()));
    }

    private SubscriptionEvent event(List<StreamRecord> records, long millisBehindLatest) {
        long last = offset - 1; // the position before the next read: what a client resubscribes after
        String continuation = new SequenceNumber(streamCreatedMs, shard.index(),
                Math.max(last, SequenceNumber.BEFORE_FIRST)).encode();
        return new SubscriptionEvent(records, continuation, millisBehindLatest, List.of());
    }

    /**
     * Completes when a poll may have something new: a record appended at the position, the shard closed, or the
     * subscription taken over. The same future is returned until it completes, so an idle subscription polled for
     * its heartbeat leaves nothing behind on the shard.
     */
    public CompletableFuture<Void> wakeUp() {
        CompletableFuture<Void> waiting = wakeUp;
        if (waiting == null || waiting.isDone()) {
            waiting = lease.revoked().isDone() ? CompletableFuture.completedFuture(null) : shard.awaitRecordAt(offset);
            wakeUp = waiting;
            if (lease.revoked().isDone()) { // taken over between the check and the assignment
                waiting.complete(null);
            }
        }
        return waiting;
    }

    /** How long the consumer's read budget keeps it from reading; 0 when it may read now. */
    public long throttledForMs() {
        TokenBucket budget = lease.readBudget();
        return budget == null || budget.hasAvailable(1) ? 0 : 100;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shard.counters().unsubscribed();
            leases.release(consumerArn, shardId(), lease);
        }
    }
}
