package io.sluice.server.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.sluice.server.protocol.RequestProcessor;
import java.util.concurrent.Executor;

/**
 * Assembles the handlers for each protocol; every variant ends in the same aggregator and
 * {@link RequestHandler}, so HTTP/1.1, h2c and TLS requests are served identically.
 */
final class Pipelines {

    /**
     * Streams one HTTP/2 connection may have open at once. Each stream aggregates its own body before the request
     * memory bound applies, so without this one connection could hold any number of bodies. The AWS SDKs open
     * more connections rather than exceed what the server advertises.
     */
    static final int MAX_STREAMS_PER_CONNECTION = 128;

    private final RequestProcessor processor;
    private final Executor workers;
    private final int maxRequestBytes;
    private final RequestMemory memory;
    private final long requestTimeoutMs;
    private final ResponseWriter writer = new ResponseWriter();

    Pipelines(RequestProcessor processor, Executor workers, int maxRequestBytes, long maxInflightBytes,
              long requestTimeoutMs) {
        this.processor = processor;
        this.workers = workers;
        this.maxRequestBytes = maxRequestBytes;
        this.memory = new RequestMemory(maxInflightBytes);
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** Request memory held now: bodies waiting or being served, replies being written. */
    long inflightBytes() {
        return memory.heldBytes();
    }

    /** A connection's deadline for its requests to arrive whole (see {@link RequestDeadline}). */
    RequestDeadline newDeadline() {
        return new RequestDeadline(requestTimeoutMs);
    }

    void http1(ChannelPipeline pipeline, RequestDeadline deadline) {
        pipeline.addLast(new HttpServerCodec());
        pipeline.addLast(deadline.watchRequests());
        pipeline.addLast(new HttpServerKeepAliveHandler());
        pipeline.addLast(new BoundedAggregator(maxRequestBytes, writer));
        pipeline.addLast(new RequestHandler(processor, workers, writer, memory, requestTimeoutMs));
        pipeline.addLast(ConnectionErrorHandler.INSTANCE);
    }

    /**
     * The connection's deadline stops: an HTTP/2 connection carries many requests at once, so each stream gets a
     * deadline of its own, and a stream whose request does not arrive whole in time is reset (RST_STREAM) while
     * the connection's other streams go on.
     */
    void http2(ChannelPipeline pipeline, RequestDeadline connectionDeadline) {
        connectionDeadline.stopWatching();
        pipeline.addLast(Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(64 * 1024)
                        .maxConcurrentStreams(MAX_STREAMS_PER_CONNECTION))
                .build());
        pipeline.addLast(new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                RequestDeadline deadline = newDeadline();
                stream.pipeline().addLast(deadline.watchBytes());
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(deadline.watchRequests());
                stream.pipeline().addLast(new BoundedAggregator(maxRequestBytes, writer));
                stream.pipeline().addLast(new RequestHandler(processor, workers, writer, memory, requestTimeoutMs));
                stream.pipeline().addLast(ConnectionErrorHandler.INSTANCE);
            }
        }));
        pipeline.addLast(ConnectionErrorHandler.INSTANCE);
    }

    /**
     * After a TLS handshake: what ALPN chose, or — when the client offered no ALPN, as the AWS SDK's async client
     * does by default ("assume protocol") — whatever its first bytes say, as on a cleartext connection.
     */
    ApplicationProtocolNegotiationHandler alpn(RequestDeadline deadline) {
        return new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                boolean negotiated = ctx.pipeline().get(SslHandler.class).applicationProtocol() != null;
                if (!negotiated) {
                    ctx.pipeline().addLast(detector(deadline));
                } else if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    http2(ctx.pipeline(), deadline);
                } else {
                    http1(ctx.pipeline(), deadline);
                }
            }
        };
    }

    ProtocolDetector detector(RequestDeadline deadline) {
        return new ProtocolDetector(this, deadline);
    }
}
