package io.sluice.server.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.server.wire.EventSource;
import io.sluice.server.wire.KinesisResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes an event-stream reply: the head (200, {@code application/vnd.amazon.eventstream}, chunked on HTTP/1.1,
 * DATA frames on HTTP/2), then the {@link EventSource}'s messages one at a time. The next message is asked for only
 * once the previous one is written — on HTTP/2 that is once the client's flow-control window took it — so a
 * subscriber that stops reading stops its source, and holds at most one message. Each message counts in the
 * {@link RequestMemory} until written and must be taken within the reply timeout, or the channel is closed.
 * {@link EventSource#next()} runs on the worker pool (it may read the disk); all other state is touched only on the
 * channel's event loop.
 */
final class EventStreamWriter {

    private static final long BUSY_RETRY_MS = 50;

    private final ChannelHandlerContext ctx;
    private final EventSource source;
    private final Executor workers;
    private final RequestMemory memory;
    private final long replyTimeoutMs;
    private final Runnable onEnd;
    private CompletableFuture<Void> awaited;
    private ScheduledFuture<?> timer;
    private boolean waiting;
    private boolean ended;

    private EventStreamWriter(ChannelHandlerContext ctx, EventSource source, Executor workers, RequestMemory memory,
                              long replyTimeoutMs, Runnable onEnd) {
        this.ctx = ctx;
        this.source = source;
        this.workers = workers;
        this.memory = memory;
        this.replyTimeoutMs = replyTimeoutMs;
        this.onEnd = onEnd;
    }

    /** Starts the reply; {@code onEnd} runs once on the event loop when it ended, written or cut off. */
    static void start(ChannelHandlerContext ctx, String requestId, KinesisResponse response, Executor workers,
                      RequestMemory memory, long replyTimeoutMs, Runnable onEnd) {
        EventStreamWriter writer = new EventStreamWriter(ctx, response.events(), workers, memory, replyTimeoutMs, onEnd);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, KinesisResponse.EVENT_STREAM)
                .set(ResponseWriter.REQUEST_ID_HEADER, requestId);
        response.headers().forEach(head.headers()::set);
        HttpUtil.setTransferEncodingChunked(head, true); // dropped on HTTP/2, where DATA frames carry the length
        ctx.channel().closeFuture().addListener(closed -> writer.end());
        ctx.writeAndFlush(head).addListener(written -> {
            if (written.isSuccess()) {
                writer.askNext();
            } else {
                writer.end();
            }
        });
    }

    private void askNext() {
        if (ended) {
            return;
        }
        try {
            workers.execute(() -> {
                EventSource.Message message;
                try {
                    message = source.next();
                } catch (RuntimeException | StackOverflowError failure) { // the source answers its own errors; this
                    ctx.executor().execute(() -> ctx.channel().close()); // is a bug: cut the stream, never hang
                    throw failure;
                }
                ctx.executor().execute(() -> deliver(message));
            });
        } catch (RejectedExecutionException busy) { // every worker busy: ask again shortly rather than fail the stream
            ctx.executor().schedule(this::askNext, BUSY_RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void deliver(EventSource.Message message) {
        if (ended) {
            return;
        }
        if (message == null) {
            waitForMore();
            return;
        }
        int bytes = message.bytes().remaining();
        memory.hold(bytes);
        HttpContent content = message.last()
                ? new DefaultLastHttpContent(Unpooled.wrappedBuffer(message.bytes()))
                : new DefaultHttpContent(Unpooled.wrappedBuffer(message.bytes()));
        ScheduledFuture<?> notTaken = ctx.executor().schedule(() -> ctx.channel().close(), replyTimeoutMs,
                TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(content).addListener(written -> {
            notTaken.cancel(false);
            memory.release(bytes);
            if (!written.isSuccess()) {
                end();
            } else if (message.last()) {
                end();
            } else {
                askNext();
            }
        });
    }

    /** Asks again when the source says it may have something, or after its longest wait, whichever comes first. */
    private void waitForMore() {
        waiting = true;
        timer = ctx.executor().schedule(this::wake, source.maxWaitMs(), TimeUnit.MILLISECONDS);
        CompletableFuture<Void> ready = source.whenReady();
        if (ready != awaited) { // the source hands out one future until it completes: listen to it once
            awaited = ready;
            ready.thenRun(() -> ctx.executor().execute(this::wake));
        }
    }

    private void wake() {
        if (!waiting || ended) {
            return;
        }
        waiting = false;
        timer.cancel(false);
        askNext();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (timer != null) {
            timer.cancel(false);
        }
        source.close();
        onEnd.run();
    }
}
