package io.sluice.server.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderResult;
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
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sluice.server.admin.AdminRequest;
import io.sluice.server.admin.AdminResponse;
import io.sluice.server.admin.AdminRoutes;
import io.sluice.server.logging.LogRateLimit;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener ({@code --admin-port}): HTTP/1.1 requests answered by {@link AdminRoutes} — metrics and health for
 * operators and their scrapers, and what is mounted there (the web console) — on its own port, event loop and
 * {@value #PAGE_THREADS} page threads, so neither a scrape nor a console competes with the Kinesis port.
 *
 * <p>Bounded like the Kinesis port: at most {@value #MAX_CONNECTIONS} connections (more are closed as soon as they
 * are accepted); a request must arrive whole within the request timeout; a connection idle for
 * {@value #IDLE_TIMEOUT_MS} ms is closed (a scraper reconnects; a client holding connections open gives its places
 * back); request lines of {@value #MAX_LINE_BYTES} bytes (414), headers of {@value #MAX_HEADER_BYTES} (431), bodies of
 * {@value #MAX_BODY_BYTES} (413): at most that much memory per connection, as a connection is not read while its
 * request is served. Every request is answered: one the decoder cannot read with 400, 414
 * or 431 before the connection closes, one whose page fails with 500 (logged, at most ten lines a second). Answers are
 * never sniffed into a page by a browser ({@code X-Content-Type-Options: nosniff}) nor cached.
 */
public final class AdminListener implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;
    private static final long IDLE_TIMEOUT_MS = 60_000;
    private static final int MAX_LINE_BYTES = 4096;
    private static final int MAX_HEADER_BYTES = 8192;
    /** The console's pump preview takes pasted records; pages have no body. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int PAGE_THREADS = 2;

    private static final Logger log = LoggerFactory.getLogger(AdminListener.class);
    private static final LogRateLimit failureLines = new LogRateLimit(10,
            n -> log.error("{} lines about failed admin pages were not logged (over 10 a second)", n));

    private final EventLoopGroup group;
    private final ThreadPoolExecutor pages;
    private final Channel channel;

    public AdminListener(String host, int port, AdminRoutes routes, long requestTimeoutMs) throws InterruptedException {
        this(host, port, routes, requestTimeoutMs, IDLE_TIMEOUT_MS, MAX_CONNECTIONS);
    }

    // visible for testing: bounds small enough to reach in a test
    AdminListener(String host, int port, AdminRoutes routes, long requestTimeoutMs, long idleTimeoutMs,
                  int maxConnections) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        pages = new ThreadPoolExecutor(PAGE_THREADS, PAGE_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxConnections), new DefaultThreadFactory("sluice-admin-page", true));
        ConnectionLimit connections = new ConnectionLimit(maxConnections, "the admin listener's limit");
        try {
            channel = Listening.bind(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            RequestDeadline deadline = new RequestDeadline(requestTimeoutMs);
                            ch.pipeline().addLast(connections, deadline.watchBytes(),
                                    new IdleStateHandler(0, 0, idleTimeoutMs, TimeUnit.MILLISECONDS),
                                    IdleCloser.INSTANCE,
                                    new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, MAX_BODY_BYTES),
                                    deadline.watchRequests(), new HttpServerKeepAliveHandler(),
                                    new HttpObjectAggregator(MAX_BODY_BYTES), new Responder(routes, pages),
                                    ConnectionErrorHandler.INSTANCE);
                        }
                    }), host, port, "admin requests");
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully();
            pages.shutdownNow();
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
        pages.shutdownNow();
    }

    /**
     * Answers each request from the routes on the listener's page threads (a page may read records or run pump SQL:
     * never on the event loop), one request of a connection at a time and in order. While one is served the
     * connection is not read; requests a client pipelined in what was read already wait their turn, at most
     * {@value #MAX_WAITING} (more closes the connection), so a connection holds a bounded number of bodies.
     * Event-loop confined but for the page itself.
     */
    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static final int MAX_WAITING = 16;

        /** A request to answer: from the routes, or {@code ready} (one the decoder could not read: then close). */
        private record Waiting(AdminRequest request, AdminResponse ready, boolean withBody) {
        }

        private final AdminRoutes routes;
        private final Executor pages;
        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        private boolean busy;

        Responder(AdminRoutes routes, Executor pages) {
            this.routes = routes;
            this.pages = pages;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            DecoderResult decoded = request.decoderResult();
            boolean withBody = !request.method().equals(HttpMethod.HEAD);
            // the decoder discards the rest of the connection after a failure: answer it, then close
            waiting.add(decoded.isFailure() ? new Waiting(null, unreadable(decoded.cause()), true)
                    : new Waiting(copy(request), null, withBody));
            if (waiting.size() > MAX_WAITING) {
                ctx.close();
                return;
            }
            if (!busy) {
                answerNext(ctx);
            }
        }

        private void answerNext(ChannelHandlerContext ctx) {
            Waiting next = waiting.poll();
            if (next == null || !ctx.channel().isActive()) {
                busy = false;
                ctx.channel().config().setAutoRead(true);
                return;
            }
            busy = true;
            ctx.channel().config().setAutoRead(false);
            if (next.ready() != null) {
                ctx.writeAndFlush(http(next.ready(), true)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            try {
                pages.execute(() -> ctx.writeAndFlush(http(answer(next.request()), next.withBody()))
                        .addListener(written -> answerNext(ctx))); // listeners run on the event loop
            } catch (RejectedExecutionException busyPages) {
                ctx.writeAndFlush(http(text(503, "The admin listener is busy; try again.\n"), next.withBody()))
                        .addListener(written -> answerNext(ctx));
            }
        }

        private AdminResponse answer(AdminRequest request) {
            try {
                return routes.handle(request);
            } catch (RuntimeException | StackOverflowError e) {
                if (failureLines.admit()) {
                    log.error("An admin page failed", e); // never the URI: it is the client's text
                }
                return text(500, "Internal error; the server's log says more.\n");
            }
        }

        private static AdminRequest copy(FullHttpRequest request) {
            Map<String, String> headers = new HashMap<>();
            for (Map.Entry<String, String> header : request.headers()) {
                headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
            }
            return AdminRequest.of(request.method().name(), request.uri(), headers,
                    ByteBufUtil.getBytes(request.content()));
        }

        private static AdminResponse unreadable(Throwable cause) {
            if (cause instanceof TooLongHttpLineException) {
                return text(414, "The request line is longer than " + MAX_LINE_BYTES + " bytes.\n");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return text(431, "The request headers are larger than " + MAX_HEADER_BYTES + " bytes.\n");
            }
            return text(400, "The request is not valid HTTP/1.1.\n");
        }

        private static FullHttpResponse http(AdminResponse answer, boolean withBody) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()),
                    withBody ? Unpooled.wrappedBuffer(answer.body()) : Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set("X-Content-Type-Options", "nosniff");
            if (answer.status() == 405) {
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            }
            answer.headers().forEach(response.headers()::set);
            return response;
        }

        private static AdminResponse text(int status, String text) {
            return AdminResponse.text(status, text);
        }
    }

    /** Closes a connection its {@link IdleStateHandler} found idle. Shared. */
    @ChannelHandler.Sharable
    private static final class IdleCloser extends ChannelDuplexHandler {
        static final IdleCloser INSTANCE = new IdleCloser();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
