package io.sluice.core.log;

import io.sluice.core.fs.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One segment of a shard log: the file {@code <base>.log} holding consecutive {@link RecordBatch record batches},
 * starting with the batch whose base offset is the segment's base offset, plus its {@link OffsetIndex} and
 * {@link TimeIndex} ({@code <base>.index}, {@code <base>.timeindex}). A {@code .log} file is nothing but batches
 * back to back: no header, no footer, no padding.
 *
 * <p>Life cycle: created empty as the active segment; appended to; sealed when the log rolls (log fsynced, index
 * files written durably); deleted whole by retention. After a restart a segment is either
 * {@linkplain #recover recovered} (every batch read and checksummed, the tail after the last valid batch
 * truncated, indexes rebuilt) or {@linkplain #loadAndCheck loaded} (index files sanity-checked and the batches
 * after the last index entry walked to the end of the file; any failure falls back to recovery).
 *
 * <p>Thread-safety: one appender at a time (the owning {@link ShardLog}'s append lock), any number of concurrent
 * readers. {@link #append} writes the bytes and updates the indexes before it publishes the new size through a
 * volatile field; readers never look past the size they read, so they see whole batches only. Recovery and
 * truncation happen before the segment is shared.
 */
final class LogSegment {

    /** Bytes read per positional read when scanning batches. */
    static final int READ_CHUNK = 1 << 20;
    /** Bytes read per positional read when recovery scans a segment. */
    static final int RECOVERY_CHUNK = 4 << 20;

    private final Path dir;
    private final long baseOffset;
    private final Path logFile;
    private final FileHandleCache files;
    private final int indexIntervalBytes;

    private volatile OffsetIndex offsetIndex;
    private volatile TimeIndex timeIndex;
    private volatile int size;
    private volatile long nextOffset;
    private volatile long firstTimestampMs = Long.MIN_VALUE;
    private volatile long lastTimestampMs = Long.MIN_VALUE;
    private volatile boolean deleted;
    private boolean sealed; // guarded by this
    private int bytesSinceIndexEntry;

    private LogSegment(Path dir, long baseOffset, FileHandleCache files, int indexIntervalBytes) {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.logFile = LogFileNames.logFile(dir, baseOffset);
        this.files = files;
        this.indexIntervalBytes = indexIntervalBytes;
        this.offsetIndex = new OffsetIndex(baseOffset);
        this.timeIndex = new TimeIndex(baseOffset);
        this.nextOffset = baseOffset;
    }

    /** Creates the empty file of a new segment (the caller fsyncs the directory). */
    static LogSegment create(Path dir, long baseOffset, FileHandleCache files, int indexIntervalBytes) throws IOException {
        Path file = LogFileNames.logFile(dir, baseOffset);
        Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        Files.deleteIfExists(LogFileNames.offsetIndexFile(dir, baseOffset));
        Files.deleteIfExists(LogFileNames.timeIndexFile(dir, baseOffset));
        return new LogSegment(dir, baseOffset, files, indexIntervalBytes);
    }

    /** A segment over an existing file, not yet loaded: call {@link #recover} or {@link #loadAndCheck}. */
    static LogSegment existing(Path dir, long baseOffset, FileHandleCache files, int indexIntervalBytes) {
        return new LogSegment(dir, baseOffset, files, indexIntervalBytes);
    }

    long baseOffset() {
        return baseOffset;
    }

    /** One past the last offset in this segment ({@link #baseOffset()} when empty). */
    long nextOffset() {
        return nextOffset;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long firstTimestampMs() {
        return firstTimestampMs;
    }

    /** Timestamp of the newest record, {@link Long#MIN_VALUE} when empty. */
    long lastTimestampMs() {
        return lastTimestampMs;
    }

    boolean isDeleted() {
        return deleted;
    }

    Path logFile() {
        return logFile;
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends one encoded batch with a single positional write, forcing it to disk first when {@code force}, then
     * publishes it. On failure nothing is published, and:
     * <ul>
     *   <li>a failed write (typically a full disk) cuts the file back to its previous size and throws
     *       {@link AppendFailedException}: nothing of the batch remains, the segment stays usable;</li>
     *   <li>a failed fsync, or a cut-back that fails, throws {@link LogOutOfServiceException}: the owning log must
     *       stop appending.</li>
     * </ul>
     */
    void append(ByteBuffer batch, long batchBaseOffset, int recordCount, long firstTs, long lastTs, boolean force)
            throws IOException {
        int position = size;
        int length = batch.remaining();
        try (FileHandleCache.Lease lease = files.acquire(logFile)) {
            FileChannel ch = lease.channel();
            try {
                long p = position;
                while (batch.hasRemaining()) {
                    p += ch.write(batch, p);
                }
            } catch (IOException e) {
                throw cutBack(position, e);
            }
            if (force) {
                try {
                    ch.force(false);
                } catch (ClosedChannelException e) {
                    // The shared channel was closed (an interrupt) before the fsync could answer: the fsync's verdict
                    // is still to come on a fresh handle, so this is a failed write, not a failed fsync.
                    throw cutBack(position, e);
                } catch (IOException e) {
                    throw new LogOutOfServiceException("an fsync of its log failed: " + IoFailures.reason(e), e);
                }
            }
        }
        if (position > 0 && bytesSinceIndexEntry >= indexIntervalBytes) {
            offsetIndex.append(batchBaseOffset, position);
            timeIndex.append(firstTs, batchBaseOffset);
            bytesSinceIndexEntry = 0;
        }
        bytesSinceIndexEntry += length;
        if (position == 0) {
            firstTimestampMs = firstTs;
        }
        lastTimestampMs = lastTs;
        nextOffset = batchBaseOffset + recordCount;
        size = position + length;
    }

    /**
     * After a failed write: cuts the file back to {@code position} through a fresh handle (the failed one may be
     * closed), so no byte of the batch remains, and returns what the append must throw.
     */
    private IOException cutBack(int position, IOException failure) {
        // An interrupt that closed the channel would also fail the truncation; hold it off until the file is sound.
        boolean interrupted = Thread.interrupted();
        try (FileHandleCache.Lease lease = files.acquire(logFile)) {
            lease.channel().truncate(position);
            return new AppendFailedException(null, failure);
        } catch (IOException e) {
            failure.addSuppressed(e);
            return new LogOutOfServiceException("a failed write could not be cut back: "
                    + IoFailures.reason(failure), failure);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Forces the log file's data to disk. */
    void flush() throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (deleted) {
                return;
            }
            try (FileHandleCache.Lease lease = files.acquire(logFile)) {
                lease.channel().force(false);
                return;
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) {
                // Another thread's interrupt closed the shared channel before this fsync ran. The pages are still
                // dirty in the page cache: the fsync of a reopened handle writes them or reports their loss.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Forces the log, then writes both index files durably: the segment is sealed (or cleanly closed). Call only
     * once no more appends come; a second call does nothing. Index files are written only after the log data is on
     * disk, so a crash never leaves an index pointing at bytes the disk lost.
     */
    synchronized void seal() throws IOException {
        if (deleted || sealed) {
            return;
        }
        flush();
        writeIndexes();
    }

    /**
     * The second half of {@link #seal}: writes both index files durably and marks the segment sealed. The caller has
     * forced the log data first. A failure leaves the segment unsealed (its indexes are rebuilt from the log at the
     * next open), and any partial temp file removed.
     */
    synchronized void writeIndexes() throws IOException {
        if (deleted || sealed) {
            return;
        }
        offsetIndex.writeTo(LogFileNames.offsetIndexFile(dir, baseOffset));
        timeIndex.writeTo(LogFileNames.timeIndexFile(dir, baseOffset));
        sealed = true;
    }

    /** Records that this segment's files on disk are already sealed (found so by recovery). */
    synchronized void markSealed() {
        sealed = true;
    }

    /** Marks the segment deleted, closes its handle and removes its three files. */
    synchronized void delete() throws IOException {
        deleted = true;
        files.evict(logFile);
        Files.deleteIfExists(LogFileNames.offsetIndexFile(dir, baseOffset));
        Files.deleteIfExists(LogFileNames.timeIndexFile(dir, baseOffset));
        Files.deleteIfExists(logFile);
    }

    void closeHandle() {
        files.evict(logFile);
    }

    // ---------------------------------------------------------------- reading

    /** Mutable state of one read across segments. */
    static final class ReadState {
        final long fromOffset;
        final int maxRecords;
        final long maxBytes;
        final List<LogRecord> out;
        long bytes;
        boolean full;

        ReadState(long fromOffset, int maxRecords, long maxBytes, List<LogRecord> out) {
            this.fromOffset = fromOffset;
            this.maxRecords = maxRecords;
            this.maxBytes = maxBytes;
            this.out = out;
        }
    }

    /** Adds this segment's records with offset >= {@code state.fromOffset} to the read until it is full. */
    void read(ReadState state) throws IOException {
        int committed = size;
        if (committed == 0 || nextOffset <= state.fromOffset) {
            return;
        }
        int start = offsetIndex.lookup(state.fromOffset);
        int before = state.out.size();
        try {
            readFrom(start, committed, state);
        } catch (CorruptLogException e) {
            // An index entry that does not point at a batch boundary: the index is damaged, the log may be fine.
            if (start == 0 || state.out.size() != before) {
                throw e;
            }
            readFrom(0, committed, state);
        }
    }

    private void readFrom(int position, int committed, ReadState state) throws IOException {
        try (FileHandleCache.Lease lease = files.acquire(logFile)) {
            FileChannel ch = lease.channel();
            int pos = position;
            long expected = -1;
            ByteBuffer scratch = ScratchBuffers.forReading(Math.min(committed - pos, READ_CHUNK));
            while (pos < committed && !state.full) {
                ByteBuffer chunk = scratch = fill(scratch, ch, pos, Math.min(committed - pos, READ_CHUNK));
                while (chunk.remaining() >= RecordBatch.HEADER_SIZE && !state.full) {
                    RecordBatch.Header h = RecordBatch.readHeader(chunk);
                    int batchSize = h.sizeInBytes();
                    if (!h.isPlausible() || batchSize < RecordBatch.HEADER_SIZE || (long) pos + batchSize > committed
                            || (expected < 0 ? h.baseOffset() > Math.max(state.fromOffset, baseOffset) : h.baseOffset() != expected)) {
                        throw new CorruptLogException(logFile + ": no valid batch at position " + pos);
                    }
                    if (batchSize > chunk.remaining()) {
                        if (chunk.position() == 0) {
                            chunk = scratch = fill(ScratchBuffers.forReading(batchSize), ch, pos, batchSize);
                        } else {
                            break; // read again from this batch with a fresh chunk
                        }
                    }
                    expected = h.nextOffset();
                    if (h.nextOffset() > state.fromOffset) {
                        ByteBuffer one = chunk.slice(chunk.position(), batchSize);
                        if (!RecordBatch.isValid(one)) {
                            throw new CorruptLogException(logFile + ": checksum mismatch in the batch at position " + pos
                                    + " (offsets " + h.baseOffset() + ".." + (h.nextOffset() - 1) + ")");
                        }
                        state.bytes += RecordBatch.decode(one, state.fromOffset, state.out, state.maxRecords,
                                state.maxBytes, state.bytes);
                        LogRecord last = state.out.get(state.out.size() - 1);
                        if (last.offset() < h.nextOffset() - 1 || state.out.size() >= state.maxRecords
                                || state.bytes >= state.maxBytes) {
                            state.full = true;
                        }
                    }
                    chunk.position(chunk.position() + batchSize);
                    pos += batchSize;
                }
                if (chunk.remaining() > 0 && chunk.remaining() < RecordBatch.HEADER_SIZE && pos + chunk.remaining() >= committed) {
                    throw new CorruptLogException(logFile + ": " + chunk.remaining() + " stray bytes at position " + pos);
                }
            }
        }
    }

    /**
     * The first offset >= {@code minOffset} whose timestamp is >= {@code timestampMs}, or -1 when this segment has
     * none.
     */
    long offsetForTimestamp(long timestampMs, long minOffset) throws IOException {
        int committed = size;
        if (committed == 0 || lastTimestampMs < timestampMs || nextOffset <= minOffset) {
            return -1;
        }
        long from = Math.max(timeIndex.lookup(timestampMs), minOffset);
        int pos = offsetIndex.lookup(from);
        try (FileHandleCache.Lease lease = files.acquire(logFile)) {
            FileChannel ch = lease.channel();
            while (pos < committed) {
                ByteBuffer header = readAt(ch, pos, RecordBatch.HEADER_SIZE);
                RecordBatch.Header h = RecordBatch.readHeader(header);
                if (!h.isPlausible() || (long) pos + h.sizeInBytes() > committed) {
                    throw new CorruptLogException(logFile + ": no valid batch at position " + pos);
                }
                if (h.nextOffset() > minOffset && h.lastTimestampMs() >= timestampMs) {
                    ByteBuffer batch = readAt(ch, pos, h.sizeInBytes());
                    if (!RecordBatch.isValid(batch)) {
                        throw new CorruptLogException(logFile + ": checksum mismatch in the batch at position " + pos);
                    }
                    long found = RecordBatch.firstOffsetAtOrAfter(batch, timestampMs);
                    if (found >= 0) {
                        return Math.max(found, minOffset);
                    }
                }
                pos += h.sizeInBytes();
            }
        }
        return -1;
    }

    /** Reads {@code length} bytes at {@code position} into {@code buf} (or a larger buffer it returns instead). */
    private static ByteBuffer fill(ByteBuffer buf, FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = buf.capacity() >= length ? buf : ByteBuffer.allocateDirect(length);
        b.clear().limit(length);
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        b.flip();
        return b;
    }

    private ByteBuffer readAt(FileChannel ch, int position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        buf.flip();
        return buf;
    }

    // ---------------------------------------------------------------- recovery

    /** What recovering or loading one segment found. */
    record Recovered(boolean scanned, long truncatedBytes, String problem) {
    }

    /**
     * Reads every batch from the start, verifies its structure, its offsets (consecutive from the base offset, not
     * reaching {@code offsetLimit}) and its checksum, rebuilds both indexes, and truncates the file after the last
     * valid batch.
     */
    Recovered recover(long offsetLimit) throws IOException {
        OffsetIndex newOffsetIndex = new OffsetIndex(baseOffset);
        TimeIndex newTimeIndex = new TimeIndex(baseOffset);
        long expected = baseOffset;
        long firstTs = Long.MIN_VALUE;
        long lastTs = Long.MIN_VALUE;
        int sinceEntry = 0;
        long validSize = 0;
        String problem = null;
        try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long fileSize = ch.size();
            if (fileSize > Integer.MAX_VALUE) {
                problem = logFile + ": " + fileSize + " bytes is more than a segment can hold";
                fileSize = Integer.MAX_VALUE;
            }
            long pos = 0;
            // One reused direct buffer: no per-chunk allocation, no heap copy, and CRC32C runs on it directly.
            ByteBuffer scratch = ByteBuffer.allocateDirect((int) Math.min(RECOVERY_CHUNK, Math.max(fileSize, RecordBatch.HEADER_SIZE)));
            scan:
            while (pos < fileSize) {
                ByteBuffer chunk = scratch = fill(scratch, ch, pos, (int) Math.min(fileSize - pos, RECOVERY_CHUNK));
                while (chunk.hasRemaining()) {
                    if (chunk.remaining() < RecordBatch.HEADER_SIZE) {
                        if (pos + chunk.remaining() >= fileSize) {
                            problem = "torn batch header at position " + pos;
                            break scan;
                        }
                        break;
                    }
                    RecordBatch.Header h = RecordBatch.readHeader(chunk);
                    if (!h.isPlausible() || h.baseOffset() != expected || h.nextOffset() > offsetLimit
                            || pos + h.sizeInBytes() > fileSize) {
                        problem = describe(h, pos, expected, offsetLimit, fileSize);
                        break scan;
                    }
                    ByteBuffer batch;
                    if (h.sizeInBytes() > chunk.remaining()) {
                        if (chunk.position() != 0) {
                            break;
                        }
                        batch = scratch = fill(scratch, ch, pos, h.sizeInBytes());
                    } else {
                        batch = chunk.slice(chunk.position(), h.sizeInBytes());
                    }
                    if (!RecordBatch.isValid(batch)) {
                        problem = "checksum mismatch in the batch at position " + pos + " (offset " + h.baseOffset() + ")";
                        break scan;
                    }
                    if (lastTs != Long.MIN_VALUE && h.firstTimestampMs() < lastTs) {
                        problem = "timestamps go backwards in the batch at position " + pos;
                        break scan;
                    }
                    if (pos > 0 && sinceEntry >= indexIntervalBytes) {
                        newOffsetIndex.append(h.baseOffset(), (int) pos);
                        newTimeIndex.append(h.firstTimestampMs(), h.baseOffset());
                        sinceEntry = 0;
                    }
                    sinceEntry += h.sizeInBytes();
                    if (firstTs == Long.MIN_VALUE) {
                        firstTs = h.firstTimestampMs();
                    }
                    lastTs = h.lastTimestampMs();
                    expected = h.nextOffset();
                    pos += h.sizeInBytes();
                    validSize = pos;
                    if (h.sizeInBytes() > chunk.remaining()) {
                        break;
                    }
                    chunk.position(chunk.position() + h.sizeInBytes());
                }
            }
            long originalSize = ch.size();
            long truncated = originalSize - validSize;
            if (truncated > 0) {
                ch.truncate(validSize);
                ch.force(true);
                if (problem == null) {
                    problem = "unexpected bytes after position " + validSize;
                }
            }
            this.offsetIndex = newOffsetIndex;
            this.timeIndex = newTimeIndex;
            this.bytesSinceIndexEntry = sinceEntry;
            this.size = (int) validSize;
            this.nextOffset = expected;
            this.firstTimestampMs = firstTs;
            this.lastTimestampMs = lastTs;
            Files.deleteIfExists(LogFileNames.offsetIndexFile(dir, baseOffset));
            Files.deleteIfExists(LogFileNames.timeIndexFile(dir, baseOffset));
            return new Recovered(true, truncated, problem == null ? null : logFile.getFileName() + ": " + problem
                    + (truncated > 0 ? ", truncated " + truncated + " bytes" : ""));
        }
    }

    private static String describe(RecordBatch.Header h, long pos, long expected, long limit, long fileSize) {
        if (pos + RecordBatch.HEADER_SIZE > fileSize || !h.isPlausible()) {
            return "no valid batch header at position " + pos;
        }
        if (h.baseOffset() != expected) {
            return "batch at position " + pos + " has base offset " + h.baseOffset() + ", expected " + expected;
        }
        if (h.nextOffset() > limit) {
            return "batch at position " + pos + " overlaps the next segment (offset " + limit + ")";
        }
        return "torn batch at position " + pos + " (" + h.sizeInBytes() + " bytes, " + (fileSize - pos) + " on disk)";
    }

    /**
     * Loads the index files and checks them and the file's tail: the batches from the last index entry to the end
     * of the file must be structurally valid, consecutive, and end exactly at the end of the file, below
     * {@code offsetLimit}. Checksums are not verified here (reads verify them).
     *
     * @throws CorruptIndexException  when an index file is missing or fails its check
     * @throws CorruptLogException    when the tail walk fails
     */
    void loadAndCheck(long offsetLimit) throws IOException {
        Path indexFile = LogFileNames.offsetIndexFile(dir, baseOffset);
        Path timeIndexFile = LogFileNames.timeIndexFile(dir, baseOffset);
        if (!Files.exists(indexFile) || !Files.exists(timeIndexFile)) {
            throw new CorruptIndexException(logFile.getFileName() + ": index files are missing");
        }
        try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize > Integer.MAX_VALUE) {
                throw new CorruptLogException(logFile + ": " + fileSize + " bytes is more than a segment can hold");
            }
            OffsetIndex oi = OffsetIndex.load(indexFile, baseOffset, offsetLimit, fileSize);
            long pos = oi.lastPosition();
            long expected = oi.lastOffset();
            long firstTs = Long.MIN_VALUE;
            long lastTs = Long.MIN_VALUE;
            int sinceEntry = 0;
            while (pos < fileSize) {
                if (pos + RecordBatch.HEADER_SIZE > fileSize) {
                    throw new CorruptLogException(logFile.getFileName() + ": torn batch header at position " + pos);
                }
                RecordBatch.Header h = RecordBatch.readHeader(readAt(ch, (int) pos, RecordBatch.HEADER_SIZE));
                if (!h.isPlausible() || h.baseOffset() != expected || h.nextOffset() > offsetLimit
                        || pos + h.sizeInBytes() > fileSize) {
                    throw new CorruptLogException(logFile.getFileName() + ": " + describe(h, pos, expected, offsetLimit, fileSize));
                }
                lastTs = h.lastTimestampMs();
                expected = h.nextOffset();
                sinceEntry += h.sizeInBytes();
                pos += h.sizeInBytes();
            }
            if (fileSize > 0) {
                firstTs = RecordBatch.readHeader(readAt(ch, 0, RecordBatch.HEADER_SIZE)).firstTimestampMs();
            }
            TimeIndex ti = TimeIndex.load(timeIndexFile, baseOffset, offsetLimit, fileSize);
            if (ti.entryCount() != oi.entryCount()) {
                throw new CorruptIndexException(timeIndexFile.getFileName() + ": " + ti.entryCount()
                        + " entries, the offset index has " + oi.entryCount());
            }
            this.offsetIndex = oi;
            this.timeIndex = ti;
            this.bytesSinceIndexEntry = sinceEntry;
            this.size = (int) fileSize;
            this.nextOffset = expected;
            this.firstTimestampMs = firstTs;
            this.lastTimestampMs = lastTs;
        } catch (NoSuchFileException e) {
            throw new CorruptLogException(logFile + " disappeared during recovery", e);
        }
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile + ", offsets " + baseOffset + ".." + (nextOffset - 1) + ", " + size + " bytes)";
    }
}
