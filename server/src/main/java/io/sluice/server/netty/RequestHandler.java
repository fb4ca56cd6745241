package io.sluice.server.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.sluice.server.protocol.ReplyHeaders;
import io.sluice.server.protocol.RequestProcessor;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.ErrorResponses;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
import io.sluice.server.wire.KinesisResponse;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands each aggregated HTTP request to the {@link RequestProcessor} on the worker pool (the engine may block on
 * disk) and writes the answer back. A connection's requests run one after another, so pipelined HTTP/1.1
 * requests are answered in the order they came; while a request is in flight the connection stops reading, so
 * a client cannot queue unbounded work. Each HTTP/2 stream has its own handler instance, so streams of one
 * connection run in parallel. A body is admitted only if it fits the server-wide {@link RequestMemory}, and it
 * counts until its answer is written, the answer too; a body that does not fit is answered 503 in its turn. An
 * answer must be taken by the client within the reply timeout, or the channel (an HTTP/2 stream, or an HTTP/1.1
 * connection) is closed: a client that stops reading would otherwise hold the answer's memory for as long as it
 * likes. All state is touched only on the channel's event loop.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** A request waiting for its turn; {@code heldBytes} is what it holds of the request memory (0 if refused). */
    private record Pending(KinesisRequest request, long heldBytes, boolean admitted) {
    }

    private final RequestProcessor processor;
    private final Executor workers;
    private final ResponseWriter writer;
    private final RequestMemory memory;
    private final long replyTimeoutMs;
    private final Queue<Pending> waiting = new ArrayDeque<>();
    private boolean busy;

    RequestHandler(RequestProcessor processor, Executor workers, ResponseWriter writer, RequestMemory memory,
                   long replyTimeoutMs) {
        this.processor = processor;
        this.workers = workers;
        this.writer = writer;
        this.memory = memory;
        this.replyTimeoutMs = replyTimeoutMs;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        long cost = RequestMemory.forBody(http.content().readableBytes());
        boolean admitted = memory.tryHold(cost);
        waiting.add(new Pending(toRequest(http, admitted), admitted ? cost : 0, admitted));
        ctx.channel().config().setAutoRead(false);
        if (!busy) {
            runNext(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Pending dropped;
        while ((dropped = waiting.poll()) != null) { // pipelined requests that will never be answered
            memory.release(dropped.heldBytes());
        }
        super.channelInactive(ctx);
    }

    private void runNext(ChannelHandlerContext ctx) {
        Pending next = waiting.poll();
        if (next == null) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            return;
        }
        busy = true;
        KinesisRequest request = next.request();
        if (!next.admitted()) {
            respond(ctx, next, unavailable(request, "The server is at its limit of request bytes in flight ("
                    + memory.limitBytes() + "); retry with backoff"));
            return;
        }
        try {
            workers.execute(() -> {
                KinesisResponse response = null;
                try {
                    response = processor.process(request);
                } catch (Throwable fatal) { // e.g. OutOfMemoryError: answer all the same, so the connection and
                    response = internalFailure(request); // its memory are given back, then let the thread die of it
                    throw fatal;
                } finally {
                    KinesisResponse answer = response;
                    ctx.executor().execute(() -> respond(ctx, next, answer));
                }
            });
        } catch (RejectedExecutionException full) {
            respond(ctx, next, unavailable(request, "The server is at its limit of concurrent requests; retry with backoff"));
        }
    }

    private void respond(ChannelHandlerContext ctx, Pending answered, KinesisResponse response) {
        if (response.events() != null) {
            EventStreamWriter.start(ctx, answered.request().requestId(), response, workers, memory,
                    replyTimeoutMs, () -> {
                        memory.release(answered.heldBytes());
                        if (ctx.channel().isActive()) {
                            runNext(ctx);
                        }
                    });
            return;
        }
        long replyBytes = response.body().length();
        memory.hold(replyBytes);
        ScheduledFuture<?> notTaken = ctx.executor().schedule(() -> ctx.channel().close(), replyTimeoutMs,
                TimeUnit.MILLISECONDS);
        writer.write(ctx, answered.request().requestId(), response).addListener(done -> {
            notTaken.cancel(false);
            memory.release(answered.heldBytes() + replyBytes);
            if (ctx.channel().isActive()) {
                runNext(ctx);
            } // else channelInactive gives back what still waits
        });
    }

    private static KinesisResponse internalFailure(KinesisRequest request) {
        return refusal(request, ErrorType.INTERNAL_FAILURE, "Internal failure; request id " + request.requestId());
    }

    private static KinesisResponse unavailable(KinesisRequest request, String message) {
        return refusal(request, ErrorType.SERVICE_UNAVAILABLE, message);
    }

    /** An answer given here, without the processor: still with every header a Kinesis reply carries. */
    private static KinesisResponse refusal(KinesisRequest request, ErrorType type, String message) {
        ContentType format = ContentType.fromHeader(request.header("content-type")).orElse(ContentType.JSON);
        return ReplyHeaders.complete(ErrorResponses.of(format, new ApiException(type, message)),
                request.header("origin"));
    }

    /** The request as the protocol layer sees it; a refused request's body is not copied, it is never read. */
    private static KinesisRequest toRequest(FullHttpRequest http, boolean withBody) {
        Map<String, String> headers = new HashMap<>();
        http.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new KinesisRequest(UUID.randomUUID().toString(), http.method().name(), http.uri(), headers,
                withBody ? ByteBufUtil.getBytes(http.content()) : new byte[0]);
    }
}
