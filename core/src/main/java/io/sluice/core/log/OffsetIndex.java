package io.sluice.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sparse offset index of one segment: maps an offset to the file position of a batch at or before it.
 *
 * <p>An entry is added for a batch when at least {@code indexIntervalBytes} of batches were appended since the
 * previous entry (the first batch of a segment needs none: position 0 is implied). Entries point at batch
 * starts, so {@code relativeOffset} is the batch's base offset minus the segment's base offset.
 *
 * <p>File {@code <base>.index}: a sequence of 8-byte entries, big-endian, no header:
 * <pre>
 *  0  4  relativeOffset  strictly increasing, &gt; 0
 *  4  4  position        byte position of the batch in the .log file, strictly increasing, &gt; 0
 * </pre>
 * The file is written whole when the segment is sealed (rolled) or the log is closed cleanly; while a segment
 * is active its index lives in memory only. A file is trusted only after {@link #load} checks it, and the active
 * segment's file is ignored after an unclean stop.
 *
 * <p>Thread-safety: one writer (holding the shard's append lock) and any number of concurrent readers. Entries
 * are published through a volatile count; the backing array is replaced, never shrunk, when it grows.
 */
final class OffsetIndex {

    static final int ENTRY_SIZE = 8;

    private final long baseOffset;
    private volatile long[] entries; // relativeOffset << 32 | position
    private volatile int count;

    OffsetIndex(long baseOffset) {
        this(baseOffset, new long[16], 0);
    }

    private OffsetIndex(long baseOffset, long[] entries, int count) {
        this.baseOffset = baseOffset;
        this.entries = entries;
        this.count = count;
    }

    int entryCount() {
        return count;
    }

    /** Adds an entry for the batch with base offset {@code offset} at {@code position}. Writer only. */
    void append(long offset, int position) {
        int n = count;
        long[] a = entries;
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
            entries = a;
        }
        a[n] = (offset - baseOffset) << 32 | (position & 0xFFFFFFFFL);
        count = n + 1;
    }

    /** The position of the last indexed batch whose base offset is <= {@code target}, or 0. */
    int lookup(long target) {
        int n = count;
        long[] a = entries;
        long rel = target - baseOffset;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((a[mid] >>> 32) <= rel) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : (int) a[found];
    }

    /** The position of the last entry, or 0 when there is none. */
    int lastPosition() {
        int n = count;
        return n == 0 ? 0 : (int) entries[n - 1];
    }

    /** The offset of the last entry, or the segment's base offset when there is none. */
    long lastOffset() {
        int n = count;
        return n == 0 ? baseOffset : baseOffset + (entries[n - 1] >>> 32);
    }

    /** The most entries a segment of {@code logSize} bytes can have: one per batch, and a batch has a header. */
    static long maxEntries(long logSize) {
        return logSize / RecordBatch.HEADER_SIZE + 1;
    }

    void writeTo(Path file) throws IOException {
        int n = count;
        long[] a = entries;
        ByteBuffer buf = ByteBuffer.allocate(n * ENTRY_SIZE);
        for (int i = 0; i < n; i++) {
            buf.putInt((int) (a[i] >>> 32));
            buf.putInt((int) a[i]);
        }
        buf.flip();
        IndexFiles.writeDurably(file, buf);
    }

    /**
     * Reads and checks an index file against its segment: whole entries only; relative offsets and positions
     * strictly increasing, positive, below {@code nextOffset - baseOffset} and {@code logSize}.
     *
     * @throws CorruptIndexException when the file fails a check (the caller rebuilds the index from the log)
     */
    static OffsetIndex load(Path file, long baseOffset, long nextOffset, long logSize) throws IOException {
        ByteBuffer buf = IndexFiles.readAll(file, maxEntries(logSize) * ENTRY_SIZE);
        if (buf.remaining() % ENTRY_SIZE != 0) {
            throw new CorruptIndexException(file + ": size " + buf.remaining() + " is not a multiple of " + ENTRY_SIZE);
        }
        int n = buf.remaining() / ENTRY_SIZE;
        long[] a = new long[Math.max(16, n)];
        long prevRel = 0;
        long prevPos = 0;
        for (int i = 0; i < n; i++) {
            long rel = buf.getInt() & 0xFFFFFFFFL;
            long pos = buf.getInt() & 0xFFFFFFFFL;
            if (rel <= prevRel || pos <= prevPos || rel >= nextOffset - baseOffset || pos >= logSize) {
                throw new CorruptIndexException(file + ": entry " + i + " (relativeOffset " + rel + ", position " + pos
                        + ") is out of order or beyond the segment");
            }
            a[i] = rel << 32 | pos;
            prevRel = rel;
            prevPos = pos;
        }
        return new OffsetIndex(baseOffset, a, n);
    }
}
