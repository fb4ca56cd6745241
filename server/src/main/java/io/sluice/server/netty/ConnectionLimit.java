package io.sluice.server.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} connections at once; one more is closed as soon as it is accepted, before a byte is read (a
 * client opening connections without end would otherwise exhaust file descriptors and memory). Shared by every
 * connection; thread-safe.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

    /** Marks a connection the limit refused, so its closing does not count it out a second time. */
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("sluice.refused");

    private final int max;
    private final String whatSetsIt;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /** {@code whatSetsIt} ends the warning logged on refusals, e.g. {@code --max-connections}. */
    ConnectionLimit(int max, String whatSetsIt) {
        this.max = max;
        this.whatSetsIt = whatSetsIt;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            if (refused.getAndIncrement() % 1000 == 0) {
                log.warn("At the limit of {} connections: refusing new ones ({})", max, whatSetsIt);
            }
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
            open.decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    int open() {
        return open.get();
    }
}
