package io.sluice.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sparse time index of one segment: maps a timestamp to an offset from which a forward scan finds the first
 * record at or after that time.
 *
 * <p>Entries are added together with {@link OffsetIndex} entries (same batches): the batch's first timestamp and
 * its base offset. Timestamps in a log never decrease, so entries are ordered by both fields.
 *
 * <p>File {@code <base>.timeindex}: a sequence of 12-byte entries, big-endian, no header:
 * <pre>
 *  0  8  timestampMs     first timestamp of the indexed batch, non-decreasing
 *  8  4  relativeOffset  base offset of the batch minus the segment's base offset, strictly increasing, &gt; 0
 * </pre>
 * Written, loaded and trusted under the same rules as the offset index.
 *
 * <p>Thread-safety: one writer (holding the shard's append lock), any number of concurrent readers.
 */
final class TimeIndex {

    static final int ENTRY_SIZE = 12;

    private final long baseOffset;
    private volatile long[] entries; // pairs: timestamp, relativeOffset
    private volatile int count;

    TimeIndex(long baseOffset) {
        this(baseOffset, new long[32], 0);
    }

    private TimeIndex(long baseOffset, long[] entries, int count) {
        this.baseOffset = baseOffset;
        this.entries = entries;
        this.count = count;
    }

    int entryCount() {
        return count;
    }

    void append(long timestampMs, long offset) {
        int n = count;
        long[] a = entries;
        if (2 * n + 1 >= a.length) {
            a = Arrays.copyOf(a, a.length * 2);
            entries = a;
        }
        a[2 * n] = timestampMs;
        a[2 * n + 1] = offset - baseOffset;
        count = n + 1;
    }

    /**
     * The base offset of the last indexed batch whose first timestamp is strictly below {@code timestampMs}, or the
     * segment's base offset. Every record at or after {@code timestampMs} has an offset at or after the result.
     */
    long lookup(long timestampMs) {
        int n = count;
        long[] a = entries;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[2 * mid] < timestampMs) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? baseOffset : baseOffset + a[2 * found + 1];
    }

    void writeTo(Path file) throws IOException {
        int n = count;
        long[] a = entries;
        ByteBuffer buf = ByteBuffer.allocate(n * ENTRY_SIZE);
        for (int i = 0; i < n; i++) {
            buf.putLong(a[2 * i]);
            buf.putInt((int) a[2 * i + 1]);
        }
        buf.flip();
        IndexFiles.writeDurably(file, buf);
    }

    /**
     * Reads and checks a time index file: no larger than a segment of {@code logSize} bytes can need; whole
     * entries; timestamps non-decreasing; relative offsets strictly increasing, positive and below
     * {@code nextOffset - baseOffset}.
     *
     * @throws CorruptIndexException when the file fails a check
     */
    static TimeIndex load(Path file, long baseOffset, long nextOffset, long logSize) throws IOException {
        ByteBuffer buf = IndexFiles.readAll(file, OffsetIndex.maxEntries(logSize) * ENTRY_SIZE);
        if (buf.remaining() % ENTRY_SIZE != 0) {
            throw new CorruptIndexException(file + ": size " + buf.remaining() + " is not a multiple of " + ENTRY_SIZE);
        }
        int n = buf.remaining() / ENTRY_SIZE;
        long[] a = new long[Math.max(32, 2 * n + 2)];
        long prevTs = Long.MIN_VALUE;
        long prevRel = 0;
        for (int i = 0; i < n; i++) {
            long ts = buf.getLong();
            long rel = buf.getInt() & 0xFFFFFFFFL;
            if (ts < prevTs || rel <= prevRel || rel >= nextOffset - baseOffset) {
                throw new CorruptIndexException(file + ": entry " + i + " (timestamp " + ts + ", relativeOffset " + rel
                        + ") is out of order or beyond the segment");
            }
            a[2 * i] = ts;
            a[2 * i + 1] = rel;
            prevTs = ts;
            prevRel = rel;
        }
        return new TimeIndex(baseOffset, a, n);
    }
}
