package io.sluice.server.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.server.admin.AdminResponse;
import io.sluice.server.admin.AdminRoutes;
import java.net.InetSocketAddress;

/**
 * The admin listener ({@code --admin-port}): HTTP/1.1 GETs answered by {@link AdminRoutes} — metrics and health, for
 * operators and their scrapers, on its own port and event loop so a scrape never competes with the Kinesis port.
 * Bounded like the Kinesis port: at most {@value #MAX_CONNECTIONS} connections, a request must arrive whole within
 * the request timeout, request lines and headers of 8 KiB, bodies of {@value #MAX_BODY_BYTES} bytes (GETs have none).
 */
public final class AdminListener implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;
    private static final int MAX_BODY_BYTES = 8 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    public AdminListener(String host, int port, AdminRoutes routes, long requestTimeoutMs) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ConnectionLimit connections = new ConnectionLimit(MAX_CONNECTIONS);
        try {
            channel = Listening.bind(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            RequestDeadline deadline = new RequestDeadline(requestTimeoutMs);
                            ch.pipeline().addLast(connections, deadline.watchBytes(),
                                    new HttpServerCodec(4096, 8192, 8192), deadline.watchRequests(),
                                    new HttpServerKeepAliveHandler(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                    new Responder(routes));
                        }
                    }), host, port, "admin requests");
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }

    /** Answers each request from the routes, on the event loop: they read only in-memory figures. */
    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final AdminRoutes routes;

        Responder(AdminRoutes routes) {
            this.routes = routes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            AdminResponse answer = routes.handle(request.method().name(), request.uri());
            boolean head = request.method().equals(HttpMethod.HEAD);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
            if (answer.status() == 405) {
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            }
            ctx.writeAndFlush(response);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a malformed request or a reset: nothing to answer
        }
    }
}
