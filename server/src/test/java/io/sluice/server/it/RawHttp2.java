package io.sluice.server.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Cleartext HTTP/2 frames over a plain socket (prior knowledge), for what no well-behaved client sends: a stream
 * whose body never comes, a receive window opened a little at a time. Header blocks are HPACK-coded with Netty's coder; everything else is written by hand.
 * One instance per test; not thread-safe.
 */
final class RawHttp2 implements AutoCloseable {

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int WINDOW_UPDATE = 0x8;
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;

    /** One frame as read: type, flags, stream and payload. */
    record Frame(int type, int flags, int streamId, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder();

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects, sends the connection preface and empty SETTINGS; reads block at most 30 s. */
    static RawHttp2 connect(URI endpoint) throws IOException {
        RawHttp2 h2 = new RawHttp2(new Socket(endpoint.getHost(), endpoint.getPort()));
        h2.socket.setSoTimeout(30_000);
        h2.out.write(ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf()));
        h2.frame(SETTINGS, 0, 0, new byte[0]);
        return h2;
    }

    /**
     * Like {@link #connect(URI)}, but every stream's receive window starts at {@code streamWindow} bytes: the server
     * may send a stream no more DATA than that until {@link #windowUpdate} opens it further. The connection's window
     * is opened wide, so only the streams' windows hold the server back.
     */
    static RawHttp2 connect(URI endpoint, int streamWindow) throws IOException {
        RawHttp2 h2 = new RawHttp2(new Socket(endpoint.getHost(), endpoint.getPort()));
        h2.socket.setSoTimeout(30_000);
        h2.out.write(ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf()));
        h2.frame(SETTINGS, 0, 0, new byte[] {0, SETTINGS_INITIAL_WINDOW_SIZE,
                (byte) (streamWindow >>> 24), (byte) (streamWindow >>> 16), (byte) (streamWindow >>> 8), (byte) streamWindow});
        h2.windowUpdate(0, Integer.MAX_VALUE - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
        return h2;
    }

    /** Lets the server send {@code bytes} more on {@code streamId} (0: the connection). */
    void windowUpdate(int streamId, int bytes) throws IOException {
        frame(WINDOW_UPDATE, 0, streamId, new byte[] {(byte) (bytes >>> 24), (byte) (bytes >>> 16), (byte) (bytes >>> 8),
                (byte) bytes});
    }

    /** The head of a signed Kinesis JSON request on {@code streamId}, announcing a body of {@code contentLength}. */
    void requestHeaders(int streamId, String action, int contentLength) throws IOException, Http2Exception {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("POST").scheme("http").path("/").authority("127.0.0.1")
                .add("content-type", "application/x-amz-json-1.1")
                .add("x-amz-target", "Kinesis_20131202." + action)
                .add("x-amz-date", "20261125T000000Z")
                .add("authorization", RawHttp1.SIGNED)
                .add("content-length", Integer.toString(contentLength));
        ByteBuf block = Unpooled.buffer();
        encoder.encodeHeaders(streamId, headers, block);
        frame(HEADERS, END_HEADERS, streamId, ByteBufUtil.getBytes(block));
        block.release();
    }

    void lastData(int streamId, String body) throws IOException {
        frame(DATA, END_STREAM, streamId, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame on {@code streamId}, acknowledging the server's SETTINGS and skipping connection frames. */
    Frame nextOn(int streamId) throws IOException {
        while (true) {
            int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = in.readNBytes(length);
            if (type == SETTINGS && (flags & ACK) == 0) {
                frame(SETTINGS, ACK, 0, new byte[0]);
            }
            if (stream == streamId) {
                return new Frame(type, flags, stream, payload);
            }
        }
    }

    /** The {@code :status} of a HEADERS frame the server sent. */
    String status(Frame headers) throws Http2Exception {
        return decoder.decodeHeaders(headers.streamId(), Unpooled.wrappedBuffer(headers.payload())).status().toString();
    }

    private void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags,
                (byte) (streamId >>> 24), (byte) (streamId >>> 16), (byte) (streamId >>> 8), (byte) streamId});
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
