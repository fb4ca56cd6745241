package io.sluice.core.log;

import java.nio.ByteBuffer;

/**
 * Per-thread reusable direct buffers for the hot paths:
 * <ul>
 *   <li>appends encode their batch into one, so a batch costs one copy of its bytes and one write syscall, with no
 *       per-append allocation and no hidden heap-to-direct copy inside {@link java.nio.channels.FileChannel#write};</li>
 *   <li>reads fill one from the file, verify checksums on it and copy records out of it, again without the hidden
 *       direct-to-heap copy or a fresh chunk per call.</li>
 * </ul>
 * A thread keeps at most {@link #MAX_CACHED_BYTES} per kind; larger needs get a one-off buffer.
 *
 * <p>Thread-safe by confinement: a buffer is used only by the thread that owns it, within one append or one read
 * (neither calls the other).
 */
final class ScratchBuffers {

    static final int MAX_CACHED_BYTES = 8 << 20;
    private static final int MIN_BYTES = 64 << 10;

    private static final ThreadLocal<ByteBuffer> ENCODE = new ThreadLocal<>();
    private static final ThreadLocal<ByteBuffer> READ = new ThreadLocal<>();

    private ScratchBuffers() {
    }

    /** A direct buffer with room for at least {@code size} bytes to encode a batch into. */
    static ByteBuffer forEncoding(int size) {
        return get(ENCODE, size);
    }

    /** A direct buffer with room for at least {@code size} bytes to read into. */
    static ByteBuffer forReading(int size) {
        return get(READ, size);
    }

    private static ByteBuffer get(ThreadLocal<ByteBuffer> cache, int size) {
        if (size > MAX_CACHED_BYTES) {
            return ByteBuffer.allocateDirect(size);
        }
        ByteBuffer buf = cache.get();
        if (buf == null || buf.capacity() < size) {
            int capacity = Math.min(MAX_CACHED_BYTES, Math.max(MIN_BYTES, Integer.highestOneBit(Math.max(1, size - 1)) << 1));
            buf = ByteBuffer.allocateDirect(Math.max(capacity, size));
            cache.set(buf);
        }
        return buf;
    }
}
