package io.sluice.server.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.sluice.server.protocol.ContentType;
import io.sluice.server.protocol.ErrorResponses;
import io.sluice.server.protocol.ErrorType;
import io.sluice.server.protocol.KinesisException;
import io.sluice.server.protocol.KinesisRequest;
import io.sluice.server.protocol.KinesisResponse;
import io.sluice.server.protocol.RequestProcessor;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands each aggregated HTTP request to the {@link RequestProcessor} on the worker pool (the engine may block on
 * disk) and writes the answer back. A connection's requests run one after another, so pipelined HTTP/1.1
 * requests are answered in the order they came; while a request is in flight the connection stops reading, so
 * a client cannot queue unbounded work. Each HTTP/2 stream has its own handler instance, so streams of one
 * connection run in parallel. All state is touched only on the channel's event loop.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final RequestProcessor processor;
    private final Executor workers;
    private final ResponseWriter writer;
    private final Queue<KinesisRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    RequestHandler(RequestProcessor processor, Executor workers, ResponseWriter writer) {
        this.processor = processor;
        this.workers = workers;
        this.writer = writer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        waiting.add(toRequest(http));
        ctx.channel().config().setAutoRead(false);
        if (!busy) {
            runNext(ctx);
        }
    }

    private void runNext(ChannelHandlerContext ctx) {
        KinesisRequest request = waiting.poll();
        if (request == null) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            return;
        }
        busy = true;
        try {
            workers.execute(() -> {
                KinesisResponse response = processor.process(request);
                ctx.executor().execute(() -> respond(ctx, request.requestId(), response));
            });
        } catch (RejectedExecutionException full) {
            ContentType format = ContentType.fromHeader(request.header("content-type")).orElse(ContentType.JSON);
            KinesisException error = new KinesisException(ErrorType.SERVICE_UNAVAILABLE,
                    "The server is at its limit of concurrent requests; retry with backoff");
            respond(ctx, request.requestId(), ErrorResponses.of(format, error));
        }
    }

    private void respond(ChannelHandlerContext ctx, String requestId, KinesisResponse response) {
        writer.write(ctx, requestId, response).addListener(done -> runNext(ctx));
    }

    private static KinesisRequest toRequest(FullHttpRequest http) {
        Map<String, String> headers = new HashMap<>();
        http.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new KinesisRequest(UUID.randomUUID().toString(), http.method().name(), http.uri(), headers,
                ByteBufUtil.getBytes(http.content()));
    }
}
