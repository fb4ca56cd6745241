package io.sluice.server.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * One SubscribeToShard call made with the AWS SDK's async client, its events collected as they are pushed:
 * {@link #done()} completes when the server ends the stream, exceptionally with the error it sent.
 */
final class Subscription {

    private final LinkedBlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> done;
    private String lastContinuation;

    private Subscription(KinesisAsyncClient kinesis, String consumerArn, String shardId, StartingPosition position) {
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                        .onSubscribeToShardEvent(events::add)
                        .build())
                .build();
        done = kinesis.subscribeToShard(b -> b.consumerARN(consumerArn).shardId(shardId).startingPosition(position),
                handler);
    }

    static Subscription start(KinesisAsyncClient kinesis, String consumerArn, String shardId, StartingPosition position) {
        return new Subscription(kinesis, consumerArn, shardId, position);
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /** The next event pushed, waiting at most {@code timeout}; fails if none came. */
    SubscribeToShardEvent nextEvent(Duration timeout) throws InterruptedException {
        SubscribeToShardEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout + (done.isDone() ? "; the stream ended: " + done : ""));
        }
        lastContinuation = event.continuationSequenceNumber();
        return event;
    }

    /** Events until {@code count} records came (empty events in between are skipped). */
    List<Record> records(int count) throws InterruptedException {
        List<Record> records = new ArrayList<>();
        while (records.size() < count) {
            records.addAll(nextEvent(Duration.ofSeconds(20)).records());
        }
        return records;
    }

    /** The records of the events pushed so far, without waiting. */
    List<Record> recordsSoFar() {
        List<Record> records = new ArrayList<>();
        for (SubscribeToShardEvent event = events.poll(); event != null; event = events.poll()) {
            lastContinuation = event.continuationSequenceNumber();
            records.addAll(event.records());
        }
        return records;
    }

    /** The continuation number of the last event pushed, once the stream ended (read every event first). */
    String lastContinuation() {
        for (SubscribeToShardEvent event = events.poll(); event != null; event = events.poll()) {
            lastContinuation = event.continuationSequenceNumber();
        }
        return lastContinuation;
    }

    void cancel() {
        done.cancel(true);
    }
}
