package io.sluice.server.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive whole within a deadline of its first byte, or its connection is closed: a client that
 * trickles its headers or body (a "slowloris") would otherwise hold the connection, and the bytes it has sent,
 * for as long as it likes. One instance per HTTP/1.1 connection or HTTP/2 stream, in two places:
 * {@link #watchBytes()} first in the pipeline arms the deadline when bytes (or frames) arrive and none is armed;
 * {@link #watchRequests()} after the HTTP decoder disarms it when a request's last part is decoded. An idle
 * keep-alive connection holds no deadline. An HTTP/2 connection {@link #stopWatching()} its own once the protocol
 * is known, and each of its streams is watched instead; closing a stream resets it. Touched only on the channel's
 * event loop.
 */
final class RequestDeadline {

    private final long timeoutMs;
    private ScheduledFuture<?> armed;
    private boolean watching = true;

    RequestDeadline(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    ChannelInboundHandlerAdapter watchBytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (watching && armed == null) {
                    armed = ctx.executor().schedule(() -> {
                        armed = null;
                        ctx.close();
                    }, timeoutMs, TimeUnit.MILLISECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };
    }

    ChannelInboundHandlerAdapter watchRequests() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    disarm();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    void stopWatching() {
        watching = false;
        disarm();
    }

    private void disarm() {
        if (armed != null) {
            armed.cancel(false);
            armed = null;
        }
    }
}
