package io.sluice.server.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sluice.server.logging.LogRateLimit;
import io.sluice.server.logging.LogText;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every connection: a peer that resets or drops the connection is routine (clients close idle
 * pooled connections) and is logged at debug; anything else is logged once as a warning, at most ten a second (a
 * client can send malformed bytes as fast as it likes). Either way the connection is closed. Shared.
 */
@ChannelHandler.Sharable
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {

    static final ConnectionErrorHandler INSTANCE = new ConnectionErrorHandler();

    private static final Logger log = LoggerFactory.getLogger(ConnectionErrorHandler.class);

    private final LogRateLimit warnings = new LogRateLimit(10,
            n -> log.warn("{} lines about protocol errors were not logged (over 10 a second)", n));

    private ConnectionErrorHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Connection from {} ended: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (warnings.admit()) {
            // the cause's message may quote the client's bytes
            log.warn("Closing connection from {} after a protocol error: {}", ctx.channel().remoteAddress(),
                    LogText.of(cause));
            log.debug("Protocol error on the connection from {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
