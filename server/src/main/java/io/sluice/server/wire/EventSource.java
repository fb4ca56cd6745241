package io.sluice.server.wire;

import io.sluice.server.wire.EventSource;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The body of a reply that is a stream of event-stream messages (SubscribeToShard), produced as the client takes
 * them. The transport asks for one message at a time and only after the previous one was written, so a client
 * that stops reading stops the source too; while {@link #next()} has nothing, the transport waits for
 * {@link #whenReady()} or at most {@link #maxWaitMs()}, then asks again.
 */
public interface EventSource extends AutoCloseable {

    /** One message to write; {@code last} ends the stream after it ({@code bytes} may then be empty). */
    record Message(ByteBuffer bytes, boolean last) {
    }

    /** The next message, or null when none is ready. Called on a worker thread (it may read the disk), one call at a time. */
    Message next();

    /** Completes when {@link #next()} may have a message. */
    CompletableFuture<Void> whenReady();

    /** How long to wait for {@link #whenReady()} at most before asking again (heartbeats, the end of the stream). */
    long maxWaitMs();

    /** Gives back what the stream holds; called once, when it ends or its client goes away. */
    @Override
    void close();
}
