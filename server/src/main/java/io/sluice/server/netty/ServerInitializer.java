package io.sluice.server.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/**
 * Starts each connection's pipeline: the connection limit and the request deadline first, then TLS with ALPN when
 * configured, otherwise cleartext protocol detection.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {

    private final Pipelines pipelines;
    private final SslContext ssl;
    private final ConnectionLimit connections;

    ServerInitializer(Pipelines pipelines, SslContext ssl, int maxConnections) {
        this.pipelines = pipelines;
        this.ssl = ssl;
        this.connections = new ConnectionLimit(maxConnections, "--max-connections");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        RequestDeadline deadline = pipelines.newDeadline();
        channel.pipeline().addLast(connections, deadline.watchBytes());
        if (ssl != null) {
            channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
            channel.pipeline().addLast(pipelines.alpn(deadline));
        } else {
            channel.pipeline().addLast(pipelines.detector(deadline));
        }
    }
}
