package io.sluice.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * Looks at the first bytes of a cleartext connection: the HTTP/2 connection preface means h2c with prior
 * knowledge (what the AWS SDK v2 async client sends to an {@code http://} endpoint), anything else is HTTP/1.1.
 * It then installs the matching pipeline and removes itself.
 */
final class ProtocolDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final Pipelines pipelines;
    private final RequestDeadline deadline;

    ProtocolDetector(Pipelines pipelines, RequestDeadline deadline) {
        this.pipelines = pipelines;
        this.deadline = deadline;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int prefaceLength = PREFACE.readableBytes();
        int available = Math.min(in.readableBytes(), prefaceLength);
        boolean matchesSoFar = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), available);
        if (matchesSoFar && available < prefaceLength) {
            return; // could still be HTTP/2: wait for more bytes
        }
        if (matchesSoFar) {
            pipelines.http2(ctx.pipeline(), deadline);
        } else {
            pipelines.http1(ctx.pipeline(), deadline);
        }
        ctx.pipeline().remove(this);
    }
}
