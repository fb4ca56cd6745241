package io.sluice.connect.source;

import io.sluice.connect.common.Backoff;
import io.sluice.connect.source.config.TrimmedPositionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Reads one shard with enhanced fan-out: a SubscribeToShard call whose events the SDK pushes into a small queue
 * that the task drains; a new call when one ends (every 5 minutes, or after an error), from the continuation number
 * of the last event — or, for the first, from the checkpoint as the polling reader would start.
 *
 * <p>Backpressure: at most {@link #MAX_QUEUED_EVENTS} events wait in the queue; beyond that the subscription asks
 * for no more until the task drained it, and the server stops reading for it. Each event wakes the task, so a
 * record reaches Kafka without a polling delay.
 *
 * <p>Errors, as {@link ShardReader} treats them: another subscription of the consumer on the shard (a task of an
 * earlier assignment), throttling and server or network failures back the shard off and keep the position; a
 * consumer deregistered by someone is registered again; a checkpoint older than the trim horizon follows
 * {@code kinesis.position.trimmed.action}; a shard that no longer exists ends; anything else fails the task.
 *
 * <p>The queue and its counters are shared with the SDK's threads; everything else is owned by the task's polling
 * thread.
 */
final class ShardSubscriber implements ShardSource {

    private static final Logger log = LoggerFactory.getLogger(ShardSubscriber.class);
    private static final int MAX_QUEUED_EVENTS = 4;
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ShardRef shard;
    private final KinesisSourceTaskConfig config;
    private final KinesisAsyncClient kinesis;
    private final StreamConsumers consumers;
    private final SourceMetrics.Shard metrics;
    private final ShardPosition position;
    private final Backoff backoff;
    private final Runnable wakeTask;
    private final Queue<SubscribeToShardEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private boolean fromTrimHorizon;
    private String continuation;
    private boolean startedFromCheckpoint;
    private CompletableFuture<Void> call;
    private Events flow;
    private boolean ended;
    private long dueNanos;

    ShardSubscriber(ShardRef shard, KinesisSourceTaskConfig config, KinesisAsyncClient kinesis,
                    StreamConsumers consumers, RecordMapper mapper, SourceMetrics.Shard metrics,
                    java.util.Optional<SourceOffsets.Checkpoint> committed, Runnable wakeTask, long nowNanos) {
        this.shard = shard;
        this.config = config;
        this.kinesis = kinesis;
        this.consumers = consumers;
        this.metrics = metrics;
        this.position = new ShardPosition(shard, config.deaggregation(), mapper, committed);
        this.backoff = new Backoff(config.throughputExceededBackoff(), config.throughputExceededBackoffMax());
        this.wakeTask = wakeTask;
        this.fromTrimHorizon = config.startsFromTrimHorizon(shard);
        this.dueNanos = nowNanos;
    }

    @Override
    public ShardRef shard() {
        return shard;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public long dueNanos() {
        if (!events.isEmpty() || (call != null && call.isDone())) {
            return System.nanoTime();
        }
        return call != null ? System.nanoTime() + IDLE_CHECK_NANOS : dueNanos;
    }

    @Override
    public boolean isDue(long nowNanos) {
        return !ended && (!events.isEmpty() || (call != null ? call.isDone() : nowNanos - dueNanos >= 0));
    }

    @Override
    public List<SourceRecord> read(long nowNanos) {
        List<SourceRecord> records = new ArrayList<>();
        for (SubscribeToShardEvent event = events.poll(); event != null; event = events.poll()) {
            queued.decrementAndGet();
            take(event, records);
        }
        if (flow != null) {
            flow.resume();
        }
        if (ended) {
            cancel();
            return records;
        }
        if (call != null && call.isDone() && events.isEmpty()) {
            CompletableFuture<Void> finished = call;
            call = null;
            flow = null;
            afterCall(finished, nowNanos);
        }
        if (call == null && !ended && nowNanos - dueNanos >= 0) {
            subscribe(nowNanos);
        }
        return records;
    }

    private void take(SubscribeToShardEvent event, List<SourceRecord> out) {
        long bytes = 0;
        for (Record record : event.records()) {
            bytes += record.data().asByteArrayUnsafe().length;
            position.add(record, out);
        }
        metrics.read(event.records().size(), bytes, event.millisBehindLatest());
        backoff.reset();
        continuation = event.continuationSequenceNumber();
        if (continuation == null) {
            ended = true;
            log.info("Shard {} is closed and read to its end through enhanced fan-out ({} child shards)", shard,
                    event.childShards().size());
        }
    }

    private void subscribe(long nowNanos) {
        String consumerArn;
        try {
            var active = consumers.activeArn(shard.stream());
            if (active.isEmpty()) {
                dueNanos = nowNanos + IDLE_CHECK_NANOS;
                return;
            }
            consumerArn = active.get();
        } catch (KinesisException | SdkClientException e) {
            long wait = rest(nowNanos);
            log.warn("Cannot get the stream consumer for shard {} ({}); retrying in {} ms", shard, e.getMessage(),
                    wait / 1_000_000);
            return;
        }
        startedFromCheckpoint = continuation == null;
        StartingPosition start = startingPosition();
        SubscribeToShardRequest request = SubscribeToShardRequest.builder().consumerARN(consumerArn)
                .shardId(shard.shardId()).startingPosition(start).build();
        Events subscriber = new Events();
        flow = subscriber;
        call = kinesis.subscribeToShard(request, SubscribeToShardResponseHandler.builder()
                .subscriber(() -> subscriber).build());
        call.whenComplete((ok, error) -> wakeTask.run());
        log.debug("Subscribed to shard {} as {} from {}", shard, consumerArn, start);
    }

    /** After the last event's continuation number; the first time, where the polling reader would start. */
    private StartingPosition startingPosition() {
        if (continuation != null) {
            return StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .sequenceNumber(continuation).build();
        }
        GetShardIteratorRequest where = ShardIterators.request(shard, position.checkpoint(), config.startPosition(),
                config.shardTimestamp(), fromTrimHorizon);
        position.restartFromCheckpoint(); // AT_SEQUENCE_NUMBER of an aggregate: skip its user records done
        return StartingPosition.builder().type(where.shardIteratorType())
                .sequenceNumber(where.startingSequenceNumber()).timestamp(where.timestamp()).build();
    }

    /** What follows a call that ended (its events all taken): resubscribe now, later, from elsewhere, or stop. */
    private void afterCall(CompletableFuture<Void> finished, long nowNanos) {
        Throwable error = finished.handle((ok, e) -> e).join();
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            dueNanos = nowNanos; // the subscription's lifetime ended: continue at once
            return;
        }
        if (cause instanceof ResourceInUseException || cause instanceof LimitExceededException) {
            metrics.throttled();
            long wait = rest(nowNanos);
            log.info("Shard {} cannot be subscribed to yet ({}); retrying in {} ms", shard,
                    ((KinesisException) cause).awsErrorDetails().errorMessage(), wait / 1_000_000);
        } else if (cause instanceof ResourceNotFoundException notFound) {
            String message = notFound.awsErrorDetails().errorMessage();
            if (message != null && message.startsWith("Consumer ")) {
                consumers.forget(shard.stream());
                long wait = rest(nowNanos);
                log.warn("The stream consumer of shard {} is gone ({}); registering it again in {} ms", shard,
                        message, wait / 1_000_000);
            } else {
                log.warn("Shard {} no longer exists ({}); not reading it any more", shard, message);
                ended = true;
            }
        } else if (cause instanceof InvalidArgumentException invalid && startedFromCheckpoint) {
            startAgainFromTrimHorizon(invalid);
        } else if ((cause instanceof KinesisException kinesisError && (kinesisError.statusCode() >= 500
                || kinesisError.isThrottlingException())) || cause instanceof SdkClientException
                || !(cause instanceof KinesisException)) {
            long wait = rest(nowNanos);
            log.warn("The subscription to shard {} failed ({}); keeping the position and retrying in {} ms", shard,
                    cause.toString(), wait / 1_000_000);
        } else {
            throw new ConnectException("Reading shard " + shard + " after " + position.describe() + " failed: "
                    + cause.getMessage(), cause);
        }
    }

    private void startAgainFromTrimHorizon(InvalidArgumentException e) {
        if (position.checkpoint().isEmpty()) {
            throw new ConnectException("Subscribing to shard " + shard + " failed: " + e.getMessage(), e);
        }
        if (config.trimmedPositionAction() == TrimmedPositionAction.FAIL) {
            throw new ConnectException("Shard " + shard + " cannot resume after " + position.describe() + ": "
                    + e.awsErrorDetails().errorMessage() + " The position is probably older than the shard's trim "
                    + "horizon; set kinesis.position.trimmed.action=continue to read on from the trim horizon, or "
                    + "alter the connector's offsets", e);
        }
        log.warn("Shard {} cannot resume after {} ({}); the position is older than the trim horizon, so records "
                + "after it have expired unread. Continuing from the trim horizon", shard, position.describe(),
                e.awsErrorDetails().errorMessage());
        metrics.trimmedPositionReset();
        position.resetToTrimHorizon();
        fromTrimHorizon = true;
    }

    private long rest(long nowNanos) {
        long wait = TimeUnit.MILLISECONDS.toNanos(backoff.nextMillis());
        dueNanos = nowNanos + wait;
        return wait;
    }

    private void cancel() {
        if (call != null) {
            call.cancel(true);
            call = null;
            flow = null;
        }
    }

    @Override
    public void close() {
        cancel();
        metrics.close();
    }

    /** The SDK's side: events into the queue, asking for the next only while the queue has room. */
    private final class Events implements Subscriber<SubscribeToShardEventStream> {
        private final AtomicBoolean paused = new AtomicBoolean();
        private volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(SubscribeToShardEventStream item) {
            if (!(item instanceof SubscribeToShardEvent event)) {
                subscription.request(1);
                return;
            }
            events.add(event);
            wakeTask.run();
            if (queued.incrementAndGet() < MAX_QUEUED_EVENTS) {
                subscription.request(1);
            } else {
                paused.set(true);
                resume(); // the task may have drained the queue in between
            }
        }

        /** Asks for the next event if the queue has room again and the flow was paused for it. */
        void resume() {
            if (queued.get() < MAX_QUEUED_EVENTS && paused.compareAndSet(true, false)) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            wakeTask.run();
        }

        @Override
        public void onComplete() {
            wakeTask.run();
        }
    }
}
