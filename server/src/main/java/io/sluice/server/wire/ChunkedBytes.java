package io.sluice.server.wire;

import io.sluice.server.wire.ChunkedBytes;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An output stream that keeps what is written in chunks and never copies to grow: a 10 MiB GetRecords answer is
 * written once and handed to the network layer as it is. The first chunk is small because most answers are.
 * Not thread-safe; one per response.
 */
public final class ChunkedBytes extends OutputStream {

    private static final int FIRST_CHUNK = 512;
    private static final int CHUNK = 64 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current = new byte[FIRST_CHUNK];
    private int position;
    private int length;

    /** Wraps bytes that already exist, e.g. a fixed error body. */
    public static ChunkedBytes of(byte[] bytes) {
        ChunkedBytes body = new ChunkedBytes();
        body.write(bytes, 0, bytes.length);
        return body;
    }

    @Override
    public void write(int b) {
        if (position == current.length) {
            nextChunk();
        }
        current[position++] = (byte) b;
        length++;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        while (count > 0) {
            if (position == current.length) {
                nextChunk();
            }
            int n = Math.min(count, current.length - position);
            System.arraycopy(bytes, offset, current, position, n);
            position += n;
            offset += n;
            count -= n;
            length += n;
        }
    }

    private void nextChunk() {
        chunks.add(current);
        current = new byte[CHUNK];
        position = 0;
    }

    public int length() {
        return length;
    }

    /** The content as buffers in order, without copying (the last one limited to what was written). */
    public ByteBuffer[] buffers() {
        ByteBuffer[] buffers = new ByteBuffer[chunks.size() + 1];
        for (int i = 0; i < chunks.size(); i++) {
            buffers[i] = ByteBuffer.wrap(chunks.get(i));
        }
        buffers[chunks.size()] = ByteBuffer.wrap(current, 0, position);
        return buffers;
    }

    /** The content as one array (a copy): for small bodies and tests. */
    public byte[] toByteArray() {
        byte[] all = new byte[length];
        int at = 0;
        for (ByteBuffer buffer : buffers()) {
            int n = buffer.remaining();
            buffer.get(all, at, n);
            at += n;
        }
        return all;
    }
}
