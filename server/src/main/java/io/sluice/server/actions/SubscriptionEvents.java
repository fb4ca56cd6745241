package io.sluice.server.actions;

import io.sluice.core.api.SubscriptionEvent;
import io.sluice.core.engine.ShardSubscription;
import io.sluice.core.error.KinesisException;
import io.sluice.server.logging.LogText;
import io.sluice.server.protocol.EventStreamMessage;
import io.sluice.server.wire.BodyCodec;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.EventSource;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one SubscribeToShard reply, as Amazon Kinesis sends them: an {@code initial-response} event
 * first (boto3 and the Go SDK refuse a stream without it), then a {@code SubscribeToShardEvent} at once, records
 * or not, then one whenever records arrive, and one with no records when the subscription has been silent for
 * {@link #HEARTBEAT_MS}. The stream
 * ends after the shard's last event (with {@code ChildShards}), after its lifetime (the client resubscribes from
 * the continuation number), or with an exception message: {@code ResourceInUseException} when another
 * subscription took over, the engine's error when the stream or shard went away, {@code InternalFailure} for
 * anything else. Driven by one transport, one call at a time.
 */
final class SubscriptionEvents implements EventSource {

    static final long HEARTBEAT_MS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(SubscriptionEvents.class);

    private final ShardSubscription subscription;
    private final ContentType format;
    private final Clock clock;
    private final long endsAtMs;
    private final String requestId;
    private boolean started;
    private boolean sentEvent;
    private long lastSentMs;

    SubscriptionEvents(ShardSubscription subscription, ContentType format, Clock clock, Duration lifetime,
                       String requestId) {
        this.subscription = subscription;
        this.format = format;
        this.clock = clock;
        this.endsAtMs = clock.millis() + lifetime.toMillis();
        this.requestId = requestId;
    }

    @Override
    public Message next() {
        long now = clock.millis();
        if (!started) {
            started = true;
            lastSentMs = now;
            return new Message(EventStreamMessage.event("initial-response", format, payload(Map.of())).encode(), false);
        }
        if (now >= endsAtMs) {
            return new Message(ByteBuffer.allocate(0), true);
        }
        try {
            // The first event goes at once, records or not: it tells the client where it stands.
            Optional<SubscriptionEvent> event = subscription.poll(!sentEvent || now - lastSentMs >= HEARTBEAT_MS);
            if (event.isEmpty()) {
                return null;
            }
            sentEvent = true;
            lastSentMs = now;
            return new Message(EventStreamMessage.event("SubscribeToShardEvent", format, payload(wire(event.get())))
                    .encode(), event.get().shardEnded());
        } catch (KinesisException modeled) {
            byte[] body = payload(Map.of("message", modeled.getMessage()));
            return new Message(EventStreamMessage.exception(modeled.kind().typeName(), format, body).encode(), true);
        } catch (RuntimeException unexpected) {
            log.error("{} SubscribeToShard on {} failed mid-stream", requestId, LogText.of(subscription.shardId()),
                    unexpected);
            return new Message(EventStreamMessage.error("InternalFailure", "Internal failure; request id "
                    + requestId).encode(), true);
        }
    }

    private static Map<String, Object> wire(SubscriptionEvent event) {
        return Wire.struct(
                "Records", event.records().stream().map(Wire::record).toList(),
                "ContinuationSequenceNumber", event.continuationSequenceNumber(),
                "MillisBehindLatest", event.millisBehindLatest(),
                "ChildShards", event.shardEnded() ? event.childShards().stream().map(Wire::childShard).toList() : null);
    }

    private byte[] payload(Map<String, ?> tree) {
        return BodyCodec.write(format, tree).toByteArray();
    }

    @Override
    public CompletableFuture<Void> whenReady() {
        // While the consumer's read budget is spent, records may be waiting: only the time it takes to refill helps.
        return subscription.throttledForMs() > 0 ? new CompletableFuture<>() : subscription.wakeUp();
    }

    @Override
    public long maxWaitMs() {
        long now = clock.millis();
        long wait = Math.min(lastSentMs + HEARTBEAT_MS - now, endsAtMs - now);
        long throttled = subscription.throttledForMs();
        return Math.max(1, throttled > 0 ? Math.min(wait, throttled) : wait);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
