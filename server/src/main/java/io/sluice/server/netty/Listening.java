package io.sluice.server.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/** Binding a listening socket so that a failure names the address and what was to listen there. */
final class Listening {

    private Listening() {
    }

    /**
     * Binds {@code bootstrap} to {@code host:port}. Netty's {@code sync()} would rethrow the socket's checked
     * exception (a {@code BindException} for a port in use) undeclared, past every {@code catch} of a
     * RuntimeException: the server would print a stack trace and hang on its event-loop threads instead of exiting.
     *
     * @param what e.g. {@code Kinesis requests}
     * @throws IllegalStateException naming the address and the reason, e.g. {@code Address already in use}
     */
    static Channel bind(ServerBootstrap bootstrap, String host, int port, String what) throws InterruptedException {
        ChannelFuture bound = bootstrap.bind(host, port).await();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("Cannot listen for " + what + " on " + host + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }
}
