package io.sluice.server.netty;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;

/**
 * Aggregates a request body up to a bound; a larger request is answered with a Kinesis-shaped 413 (with a
 * request id, like every response). On a keep-alive connection the rest of the body is read and discarded so
 * the client sees the answer and can reuse the connection; otherwise the connection is closed.
 */
final class BoundedAggregator extends HttpObjectAggregator {

    private final ResponseWriter writer;
    private final int maxBytes;

    BoundedAggregator(int maxBytes, ResponseWriter writer) {
        super(maxBytes);
        this.maxBytes = maxBytes;
        this.writer = writer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ApiException error = new ApiException(ErrorType.REQUEST_TOO_LARGE,
                "Request body exceeds the limit of " + maxBytes + " bytes");
        ChannelFuture written = writer.writeError(ctx, oversized, error);
        if (!HttpUtil.isKeepAlive(oversized)) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
