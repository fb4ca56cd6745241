package io.sluice.server.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.sluice.server.protocol.RequestProcessor;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening socket: one port for HTTP/1.1, h2c and (optionally) TLS. Requests run on a bounded worker pool;
 * when it and its queue are full, requests are answered 503 instead of piling up. {@link #close()} stops
 * accepting, lets in-flight requests finish, then releases every thread.
 */
public final class NettyServer implements AutoCloseable {

    /** How the server listens and how much it takes on at once. */
    public record Settings(String host, int port, int maxRequestBytes, long maxInflightBytes, int workerThreads,
                           int maxQueuedRequests, int maxConnections, long requestTimeoutMs, SslContext ssl) {
    }

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final ThreadPoolExecutor workers;
    private final Channel channel;

    private final Pipelines pipelines;

    public NettyServer(Settings settings, RequestProcessor processor) throws InterruptedException {
        AtomicInteger threadIds = new AtomicInteger();
        workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.maxQueuedRequests()),
                runnable -> {
                    Thread thread = new Thread(runnable, "sluice-worker-" + threadIds.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pipelines = new Pipelines(processor, workers, settings.maxRequestBytes(), settings.maxInflightBytes(),
                settings.requestTimeoutMs());
        try {
            channel = Listening.bind(new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ServerInitializer(pipelines, settings.ssl(), settings.maxConnections())),
                    settings.host(), settings.port(), "Kinesis requests");
        } catch (InterruptedException | RuntimeException e) {
            workers.shutdownNow();
            shutdownEventLoops();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Request memory held now (see {@code --max-inflight-bytes}). */
    public long inflightBytes() {
        return pipelines.inflightBytes();
    }

    /** Whether the port is open: false once {@link #close()} began. */
    public boolean isServing() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        shutdownEventLoops();
    }

    private void shutdownEventLoops() {
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
