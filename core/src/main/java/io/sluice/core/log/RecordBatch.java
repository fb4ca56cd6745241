package io.sluice.core.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The unit of writing, checksumming and recovery: one {@link ShardLog#append} call becomes one batch, written
 * with a single positional write.
 *
 * <p>On-disk format, all integers big-endian:
 * <pre>
 * offset size field
 *  0      8   baseOffset        offset of the first record
 *  8      4   batchLength       bytes that follow this field (the whole batch is 12 + batchLength bytes)
 * 12      4   crc               CRC32C of bytes [0, 12) followed by bytes [16, 12 + batchLength)
 * 16      1   magic             format version, 1
 * 17      4   recordCount       &gt;= 1; the records have offsets baseOffset .. baseOffset + recordCount - 1
 * 21      8   firstTimestampMs  timestamp of the first record
 * 29      8   lastTimestampMs   timestamp of the last record (the largest: timestamps never decrease)
 * 37          records, recordCount times:
 *             8   timestampMs
 *             4   keyLength     bytes of the UTF-8 partition key
 *             keyLength bytes   partition key, UTF-8
 *             4   dataLength
 *             dataLength bytes  data
 * </pre>
 * The checksum covers every byte of the batch except itself, so a torn write (a prefix of the batch reached the
 * disk, or garbage follows a valid prefix) is detected.
 *
 * <p>Stateless; thread-safe.
 */
public final class RecordBatch {

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int CRC_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int RECORD_COUNT_OFFSET = 17;
    public static final int FIRST_TIMESTAMP_OFFSET = 21;
    public static final int LAST_TIMESTAMP_OFFSET = 29;
    public static final int HEADER_SIZE = 37;
    /** Bytes before {@code batchLength} counts. */
    public static final int LOG_OVERHEAD = 12;
    public static final byte MAGIC = 1;
    /** Fixed bytes per record besides its key and data. */
    public static final int RECORD_OVERHEAD = 16;
    /** The largest batch a segment holds ({@code int} positions, with headroom); see {@link #checkedSize}. */
    public static final int MAX_BATCH_BYTES = Integer.MAX_VALUE - 8;

    private RecordBatch() {
    }

    /** The header fields of a batch, as read from disk. */
    public record Header(long baseOffset, int batchLength, int crc, byte magic, int recordCount, long firstTimestampMs,
                         long lastTimestampMs) {

        /** Total size of the batch in the file; exact once {@link #isPlausible()} holds. */
        public int sizeInBytes() {
            return LOG_OVERHEAD + batchLength;
        }

        /** One past the offset of the last record; exact once {@link #isPlausible()} holds. */
        public long nextOffset() {
            return baseOffset + recordCount;
        }

        /**
         * Whether the fixed fields are plausible (the checksum is checked separately). The bounds also keep the
         * header's arithmetic exact: a plausible header's {@link #sizeInBytes()} and {@link #nextOffset()} cannot
         * overflow, whatever bytes a damaged or crafted file holds.
         */
        public boolean isPlausible() {
            return magic == MAGIC && recordCount > 0 && baseOffset >= 0 && baseOffset <= Long.MAX_VALUE - recordCount
                    && batchLength >= HEADER_SIZE - LOG_OVERHEAD + (long) recordCount * RECORD_OVERHEAD
                    && batchLength <= MAX_BATCH_BYTES - LOG_OVERHEAD && firstTimestampMs <= lastTimestampMs;
        }
    }

    /** Reads the header at the buffer's position (the buffer must hold at least {@link #HEADER_SIZE} bytes). */
    public static Header readHeader(ByteBuffer buf) {
        int p = buf.position();
        return new Header(buf.getLong(p + BASE_OFFSET_OFFSET), buf.getInt(p + LENGTH_OFFSET), buf.getInt(p + CRC_OFFSET),
                buf.get(p + MAGIC_OFFSET), buf.getInt(p + RECORD_COUNT_OFFSET), buf.getLong(p + FIRST_TIMESTAMP_OFFSET),
                buf.getLong(p + LAST_TIMESTAMP_OFFSET));
    }

    /** Size in bytes of the batch {@link #encodeInto} writes for these entries and UTF-8 keys. */
    public static long sizeInBytes(List<LogEntry> entries, byte[][] keys) {
        long size = HEADER_SIZE;
        for (int i = 0; i < entries.size(); i++) {
            size += RECORD_OVERHEAD + keys[i].length + entries.get(i).data().length;
        }
        return size;
    }

    /**
     * Encodes {@code entries} as one batch into a fresh heap buffer. Timestamps are taken from {@code timestamps}
     * (already clamped by the caller), keys from {@code keys} (already UTF-8 encoded).
     *
     * @return a buffer positioned at 0 and limited to the batch size
     */
    public static ByteBuffer encode(long baseOffset, List<LogEntry> entries, long[] timestamps, byte[][] keys) {
        ByteBuffer buf = ByteBuffer.allocate(checkedSize(entries, keys));
        encodeInto(buf, baseOffset, entries, timestamps, keys);
        return buf;
    }

    static int checkedSize(List<LogEntry> entries, byte[][] keys) {
        long size = sizeInBytes(entries, keys);
        if (size > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("batch of " + entries.size() + " records is " + size + " bytes, more than a segment can hold");
        }
        return (int) size;
    }

    /**
     * Encodes the batch into {@code buf} from position 0 (it must have room for {@link #sizeInBytes}) and leaves it
     * flipped: position 0, limit the batch size.
     */
    static void encodeInto(ByteBuffer buf, long baseOffset, List<LogEntry> entries, long[] timestamps, byte[][] keys) {
        buf.clear();
        buf.putLong(baseOffset);
        buf.putInt(0); // batchLength, filled in below
        buf.putInt(0); // crc, filled in below
        buf.put(MAGIC);
        buf.putInt(entries.size());
        buf.putLong(timestamps[0]);
        buf.putLong(timestamps[timestamps.length - 1]);
        for (int i = 0; i < entries.size(); i++) {
            byte[] data = entries.get(i).data();
            buf.putLong(timestamps[i]);
            buf.putInt(keys[i].length);
            buf.put(keys[i]);
            buf.putInt(data.length);
            buf.put(data);
        }
        buf.flip();
        buf.putInt(LENGTH_OFFSET, buf.limit() - LOG_OVERHEAD);
        buf.putInt(CRC_OFFSET, computeCrc(buf));
    }

    /** CRC32C of the whole batch in {@code buf} (from its position to its limit) except the crc field itself. */
    public static int computeCrc(ByteBuffer buf) {
        CRC32C crc = new CRC32C();
        int p = buf.position();
        if (buf.hasArray()) {
            byte[] a = buf.array();
            int base = buf.arrayOffset() + p;
            crc.update(a, base, CRC_OFFSET);
            crc.update(a, base + MAGIC_OFFSET, buf.limit() - p - MAGIC_OFFSET);
        } else {
            ByteBuffer head = buf.duplicate();
            head.limit(p + CRC_OFFSET);
            crc.update(head);
            ByteBuffer rest = buf.duplicate();
            rest.position(p + MAGIC_OFFSET);
            crc.update(rest);
        }
        return (int) crc.getValue();
    }

    /** Whether the batch held in {@code buf} (position to limit, exactly one batch) has a correct checksum. */
    public static boolean isValid(ByteBuffer buf) {
        if (buf.remaining() < HEADER_SIZE) {
            return false;
        }
        Header h = readHeader(buf);
        return h.isPlausible() && h.sizeInBytes() == buf.remaining() && h.crc() == computeCrc(buf);
    }

    /**
     * Decodes the records of a verified batch held in {@code buf} (position to limit) whose offsets are at least
     * {@code fromOffset}, appending them to {@code out}; stops early, after at least one record, once
     * {@code maxRecords} records or {@code maxBytes} bytes (data plus key) would be exceeded.
     *
     * @return the bytes (data plus key) added
     * @throws CorruptLogException when the records do not fit the batch
     */
    static long decode(ByteBuffer buf, long fromOffset, List<LogRecord> out, int maxRecords, long maxBytes, long bytesSoFar)
            throws CorruptLogException {
        Header h = readHeader(buf);
        int p = buf.position() + HEADER_SIZE;
        int end = buf.position() + h.sizeInBytes();
        long added = 0;
        try {
            for (int i = 0; i < h.recordCount(); i++) {
                long offset = h.baseOffset() + i;
                long ts = buf.getLong(p);
                int keyLength = buf.getInt(p + 8);
                if (keyLength < 0 || p + 12L + keyLength + 4 > end) {
                    throw new CorruptLogException("record " + offset + ": key length " + keyLength + " overruns its batch");
                }
                int keyStart = p + 12;
                int dataLength = buf.getInt(keyStart + keyLength);
                int dataStart = keyStart + keyLength + 4;
                if (dataLength < 0 || (long) dataStart + dataLength > end) {
                    throw new CorruptLogException("record " + offset + ": data length " + dataLength + " overruns its batch");
                }
                p = dataStart + dataLength;
                if (offset < fromOffset) {
                    continue;
                }
                long size = (long) keyLength + dataLength;
                if (!out.isEmpty() && (out.size() >= maxRecords || bytesSoFar + added + size > maxBytes)) {
                    break;
                }
                byte[] key = new byte[keyLength];
                buf.get(keyStart, key);
                byte[] data = new byte[dataLength];
                buf.get(dataStart, data);
                out.add(new LogRecord(offset, ts, new String(key, StandardCharsets.UTF_8), data));
                added += size;
            }
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptLogException("batch at offset " + h.baseOffset() + " is malformed", e);
        }
        return added;
    }

    /** The offset of the first record in the verified batch whose timestamp is >= {@code timestampMs}, or -1. */
    static long firstOffsetAtOrAfter(ByteBuffer buf, long timestampMs) throws CorruptLogException {
        Header h = readHeader(buf);
        // Positions in long: lengths come from the file, and int sums of them could wrap around to valid positions.
        long p = buf.position() + HEADER_SIZE;
        long end = buf.position() + (long) h.sizeInBytes();
        for (int i = 0; i < h.recordCount(); i++) {
            if (p + 12 > end) {
                throw new CorruptLogException("batch at offset " + h.baseOffset() + " is malformed");
            }
            if (buf.getLong((int) p) >= timestampMs) {
                return h.baseOffset() + i;
            }
            int keyLength = buf.getInt((int) p + 8);
            long dataPos = p + 12 + keyLength;
            if (keyLength < 0 || dataPos + 4 > end) {
                throw new CorruptLogException("batch at offset " + h.baseOffset() + ": record " + i + " has key length "
                        + keyLength + ", beyond its batch");
            }
            int dataLength = buf.getInt((int) dataPos);
            if (dataLength < 0 || dataPos + 4 + dataLength > end) {
                throw new CorruptLogException("batch at offset " + h.baseOffset() + ": record " + i + " has data length "
                        + dataLength + ", beyond its batch");
            }
            p = dataPos + 4 + dataLength;
        }
        return -1;
    }
}
