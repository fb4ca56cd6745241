package io.sluice.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.server.protocol.ReplyHeaders;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.ErrorResponses;
import io.sluice.server.wire.KinesisResponse;
import java.nio.ByteBuffer;
import java.util.UUID;

/** Puts a {@link KinesisResponse} on the wire with the headers every Kinesis response carries. */
final class ResponseWriter {

    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    ChannelFuture write(ChannelHandlerContext ctx, String requestId, KinesisResponse response) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), direct(ctx.alloc(), response.body().buffers()));
        if (response.contentType() != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        http.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length())
                .set(REQUEST_ID_HEADER, requestId);
        response.headers().forEach(http.headers()::set);
        return ctx.writeAndFlush(http);
    }

    /**
     * The body in pooled direct buffers, one per chunk. Given heap buffers, Netty's NIO transport copies the whole
     * body into one new direct buffer before writing it — for a 14 MB GetRecords answer a fresh allocation outside
     * its pools, page-faulted in and freed again, on the event loop.
     */
    private static ByteBuf direct(ByteBufAllocator alloc, ByteBuffer[] chunks) {
        if (chunks.length == 1) {
            return alloc.directBuffer(chunks[0].remaining()).writeBytes(chunks[0]);
        }
        CompositeByteBuf body = alloc.compositeDirectBuffer(chunks.length);
        for (ByteBuffer chunk : chunks) {
            body.addComponent(true, alloc.directBuffer(chunk.remaining()).writeBytes(chunk));
        }
        return body;
    }

    /** An error for a request that never reached the protocol layer (e.g. too large to read). */
    ChannelFuture writeError(ChannelHandlerContext ctx, HttpMessage request, ApiException error) {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        ContentType format = ContentType.fromHeader(contentType).orElse(ContentType.JSON);
        KinesisResponse response = ReplyHeaders.complete(ErrorResponses.of(format, error),
                request.headers().get(HttpHeaderNames.ORIGIN));
        return write(ctx, UUID.randomUUID().toString(), response);
    }
}
