package io.sluice.server.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/** Starts each connection's pipeline: TLS with ALPN when configured, otherwise cleartext protocol detection. */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {

    private final Pipelines pipelines;
    private final SslContext ssl;

    ServerInitializer(Pipelines pipelines, SslContext ssl) {
        this.pipelines = pipelines;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (ssl != null) {
            channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
            channel.pipeline().addLast(pipelines.alpn());
        } else {
            channel.pipeline().addLast(pipelines.detector());
        }
    }
}
