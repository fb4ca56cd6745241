package io.sluice.core.log;

import io.sluice.core.fs.Directories;
import io.sluice.core.fs.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, append-only log of one shard: a directory of {@link LogSegment segments} named by base offset
 * (see {@link LogFileNames}), each a sequence of checksummed {@link RecordBatch batches} with sparse
 * {@link OffsetIndex offset} and {@link TimeIndex time} indexes.
 *
 * <p>Offsets are consecutive from 0 and survive restarts: the active segment's file name carries its base offset,
 * so even a log emptied by retention reopens at the same {@link #endOffset()}. Retention deletes whole segments
 * and moves a persisted logical start ({@link LogStartOffsetFile}); nothing below {@link #startOffset()} is ever
 * returned.
 *
 * <p>Durability: with {@link FsyncPolicy.Always} an append is fsynced before it returns, so an acknowledged append
 * is on stable storage; with {@link FsyncPolicy.Interval} it returns once the batch is in the page cache (it
 * survives the process, not the machine) and the runtime's shared flusher forces it within one period. A roll seals the old
 * segment (fsync, then its index files) and fsyncs the directory: at once with {@code always}, on the flusher
 * thread, ahead of its next pass, with {@code interval}. {@link #open} recovers: after an unclean stop the active
 * segment is scanned and checksummed, its torn tail truncated and its indexes rebuilt; sealed segments are trusted
 * after their index files and tail pass a structural check (else they are scanned too); see {@link #recovery()}.
 *
 * <p>Write failures come in two kinds ({@code core/README.md}, "Disk faults"):
 * <ul>
 *   <li>an append whose write fails (typically {@code No space left on device}), or whose new segment cannot be
 *       created, leaves no trace: the file is cut back, nothing is published, {@link AppendFailedException} is
 *       thrown, and the log stays in service, so appends succeed again once space returns;</li>
 *   <li>a failed fsync (of a segment on append, on the flusher's pass or when a roll seals a segment; of the
 *       directory after a new segment), or a failed write that cannot be cut back, takes the log <em>out of
 *       service</em> for good, as Kafka takes a log directory offline: the pages the kernel could not write may
 *       have been dropped, and a second fsync would report success over the loss (PostgreSQL's fsync rule). Every
 *       later append throws {@link LogOutOfServiceException}; reads keep working; retention leaves the files
 *       alone; {@link #close} writes no clean-shutdown marker, so the next {@link #open} scans and checksums the
 *       active segment and serves exactly what the disk holds. Index files are not data: failing to write them
 *       (a full disk at a roll) only means they are rebuilt at the next open.</li>
 * </ul>
 * What a failed fsync may cost: with {@code always}, nothing acknowledged (the append whose fsync failed is refused;
 * it may still appear after the restart, as any unacknowledged write may); with {@code interval}, the appends
 * acknowledged since the previous successful pass, at most one period's worth, exactly what a power loss at that
 * moment would cost.
 * The unit is the shard log: each has its own files, so one failing never stops another shard.
 *
 * <p>Thread-safety: appends, retention and close are serialized by a per-shard lock (no lock is shared between
 * shards). Reads take no lock and run concurrently with appends: they see only whole batches whose append has
 * completed. Segment files are reached through the runtime's shared handle cache.
 */
public final class ShardLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLog.class);
    private static final int MAX_READ_RETRIES = 8;

    private final Path dir;
    private final LogRuntime runtime;
    private final LogConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final RecoveryReport recovery;
    private final AtomicReference<LogOutOfServiceException> outOfService = new AtomicReference<>();

    private volatile LogSegment active;
    private volatile long endOffset;
    private volatile long startOffset;
    private volatile boolean closed;
    private volatile long lastTimestampMs;
    private boolean appendsFailing; // guarded by lock: logs a full disk once when it starts and once when it ends

    private ShardLog(Path dir, LogRuntime runtime) throws IOException {
        this.dir = dir;
        this.runtime = runtime;
        this.config = runtime.config();
        this.recovery = load();
    }

    /**
     * Opens the log in {@code directory}, creating the directory (and its missing parents, each made durable by an
     * fsync of its own parent) if missing, and recovers it.
     */
    public static ShardLog open(Path directory, LogRuntime runtime) throws IOException {
        Objects.requireNonNull(runtime, "runtime");
        Directories.createDurably(directory, runtime.opener());
        return new ShardLog(directory.toAbsolutePath().normalize(), runtime);
    }

    public Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- recovery

    private RecoveryReport load() throws IOException {
        Path marker = dir.resolve(LogFileNames.CLEAN_SHUTDOWN_FILE);
        boolean clean = Files.exists(marker);
        List<String> problems = new ArrayList<>();
        boolean changedDirectory = deleteStrayFiles(problems);
        List<Long> bases = LogFileNames.segmentBaseOffsets(dir);
        FileHandleCache files = runtime.files();
        int scanned = 0;
        int rebuilt = 0;
        long truncated = 0;
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            boolean last = i == bases.size() - 1;
            long limit = last ? Long.MAX_VALUE : bases.get(i + 1);
            LogSegment segment = LogSegment.existing(dir, base, files, config.indexIntervalBytes());
            boolean scan = last && !clean;
            String checkProblem = null;
            boolean indexProblem = false;
            if (!scan) {
                try {
                    segment.loadAndCheck(limit);
                } catch (CorruptIndexException | CorruptLogException e) {
                    checkProblem = e.getMessage();
                    indexProblem = e instanceof CorruptIndexException;
                    scan = true;
                }
            }
            if (scan) {
                LogSegment.Recovered r = segment.recover(limit);
                scanned++;
                rebuilt++;
                truncated += r.truncatedBytes();
                // A failed tail check that the scan then explains is reported once, by the scan.
                if (checkProblem != null && (indexProblem || r.problem() == null)) {
                    problems.add(checkProblem);
                }
                if (r.problem() != null) {
                    problems.add(r.problem());
                }
                if (!last && !segment.isEmpty()) {
                    segment.seal(); // a sealed segment keeps trustworthy index files
                }
            }
            if (segment.isEmpty() && !last) {
                segment.delete();
                changedDirectory = true;
                problems.add(LogFileNames.baseName(base) + LogFileNames.LOG_SUFFIX + ": empty sealed segment deleted");
                continue;
            }
            segments.put(base, segment);
        }
        OptionalLong persistedStart = LogStartOffsetFile.read(dir);
        if (segments.isEmpty()) {
            changedDirectory = true;
            long base = persistedStart.orElse(0L);
            segments.put(base, LogSegment.create(dir, base, files, config.indexIntervalBytes()));
        }
        LogSegment lastSegment = segments.lastEntry().getValue();
        for (LogSegment s : segments.headMap(lastSegment.baseOffset()).values()) {
            s.markSealed(); // passed the check, or was recovered and sealed above
        }
        active = lastSegment;
        endOffset = lastSegment.nextOffset();
        long start = Math.max(segments.firstKey(), persistedStart.orElse(0L));
        startOffset = Math.min(start, endOffset);
        lastTimestampMs = Long.MIN_VALUE;
        long records = 0;
        for (LogSegment s : segments.values()) {
            records += s.nextOffset() - s.baseOffset();
            if (!s.isEmpty()) {
                lastTimestampMs = s.lastTimestampMs();
            }
        }
        // From here on a crash is an unclean stop again.
        if (Files.deleteIfExists(marker) || changedDirectory) {
            runtime.fsyncDirectory(dir);
        }
        return new RecoveryReport(clean, segments.size(), scanned, records, truncated, rebuilt, problems);
    }

    private boolean deleteStrayFiles(List<String> problems) throws IOException {
        List<Path> stray = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(LogFileNames.TEMP_SUFFIX)) {
                    stray.add(p);
                    continue;
                }
                for (String suffix : List.of(LogFileNames.INDEX_SUFFIX, LogFileNames.TIME_INDEX_SUFFIX)) {
                    OptionalLong base = LogFileNames.parseBaseOffset(name, suffix);
                    if (base.isPresent() && !Files.exists(LogFileNames.logFile(dir, base.getAsLong()))) {
                        stray.add(p);
                    }
                }
            }
        }
        for (Path p : stray) {
            Files.deleteIfExists(p);
            problems.add(p.getFileName() + ": stray file deleted");
        }
        return !stray.isEmpty();
    }

    /** What {@link #open} found and repaired. */
    public RecoveryReport recovery() {
        return recovery;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends {@code entries} as one checksummed batch (all or nothing) and returns the offset of the first one;
     * the others follow consecutively. Timestamps lower than the newest stored one are raised to it. Durable per
     * the fsync policy when this returns.
     *
     * @throws IllegalArgumentException  when {@code entries} is empty
     * @throws AppendFailedException     when nothing was written (a full disk): the log stays in service
     * @throws LogOutOfServiceException  when the log is, or has just been taken, out of service
     */
    public long append(List<LogEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one entry");
        }
        int n = entries.size();
        long[] timestamps = new long[n];
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = entries.get(i).partitionKey().getBytes(StandardCharsets.UTF_8);
        }
        int batchSize = RecordBatch.checkedSize(entries, keys);
        long base;
        lock.lock();
        try {
            ensureWritable();
            long ts = lastTimestampMs;
            for (int i = 0; i < n; i++) {
                ts = Math.max(ts, entries.get(i).timestampMs());
                timestamps[i] = ts;
            }
            base = endOffset;
            ByteBuffer batch = ScratchBuffers.forEncoding(batchSize);
            RecordBatch.encodeInto(batch, base, entries, timestamps, keys);
            LogSegment segment = active;
            if (!segment.isEmpty() && (long) segment.size() + batch.remaining() > config.segmentBytes()) {
                segment = roll();
            }
            segment.append(batch, base, n, timestamps[0], timestamps[n - 1], runtime.fsyncOnAppend());
            lastTimestampMs = timestamps[n - 1];
            endOffset = base + n;
            if (appendsFailing) {
                appendsFailing = false;
                LOG.info("appends to shard log {} succeed again", dir);
            }
        } catch (AppendFailedException e) {
            if (!appendsFailing) {
                appendsFailing = true;
                LOG.warn("appends to shard log {} fail ({}); each is cut back and refused, until one succeeds again",
                        dir, e.reason());
            }
            throw e;
        } catch (LogOutOfServiceException e) {
            throw takeOutOfService(e);
        } finally {
            lock.unlock();
        }
        if (!runtime.fsyncOnAppend()) {
            runtime.markDirty(this);
        }
        return base;
    }

    /**
     * Starts a new active segment at {@link #endOffset()} and has the old one sealed. Caller holds the lock.
     *
     * @throws AppendFailedException    when the new segment's file cannot be created (nothing changed)
     * @throws LogOutOfServiceException when sealing the old segment (with {@code always}) took the log out of service
     */
    private LogSegment roll() throws IOException {
        LogSegment previous = active;
        LogSegment next = createSegment(endOffset);
        segments.put(next.baseOffset(), next);
        active = next;
        runtime.completeRoll(this, previous);
        LogOutOfServiceException failed = outOfService.get();
        if (failed != null) {
            throw failed.again();
        }
        return next;
    }

    /** Creates the file of a new segment; a failure that leaves nothing behind fails only the append at hand. */
    private LogSegment createSegment(long base) throws IOException {
        try {
            return LogSegment.create(dir, base, runtime.files(), config.indexIntervalBytes());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(LogFileNames.logFile(dir, base));
            } catch (IOException stuck) {
                e.addSuppressed(stuck);
                throw new LogOutOfServiceException("a new segment could not be created, nor its file removed: "
                        + IoFailures.reason(e), e);
            }
            throw new AppendFailedException("a new segment could not be created", e);
        }
    }

    /**
     * The second half of a roll, run by the runtime (at once, or on the flusher thread): forces the segment that
     * stopped being active, writes its index files, and fsyncs the directory that now holds the new segment. A
     * failed fsync takes the log out of service; failing to write index files does not (they are rebuilt).
     */
    void finishRoll(LogSegment sealed) {
        if (closed) {
            return; // close() seals every segment itself
        }
        try {
            sealed.flush();
        } catch (IOException e) {
            if (!closed && !sealed.isDeleted()) {
                takeOutOfService(new LogOutOfServiceException("an fsync of a full segment failed: "
                        + IoFailures.reason(e), e));
            }
            return;
        }
        try {
            sealed.writeIndexes();
        } catch (IOException e) {
            LOG.warn("writing the index files of {} failed ({}); the next open rebuilds them from the log", sealed,
                    IoFailures.reason(e));
        }
        try {
            runtime.fsyncDirectory(dir);
        } catch (IOException e) {
            if (!closed) {
                takeOutOfService(new LogOutOfServiceException("an fsync of its directory failed after a new segment"
                        + " was created: " + IoFailures.reason(e), e));
            }
        }
    }

    /**
     * Forces appended bytes to disk (the interval flusher calls this; {@code always} needs no call). A failure takes
     * the log out of service; a log out of service is not flushed again.
     */
    public void flush() throws IOException {
        if (closed || outOfService.get() != null) {
            return;
        }
        LogSegment segment = active;
        try {
            segment.flush();
        } catch (IOException e) {
            if (closed || segment.isDeleted()) {
                return; // closed meanwhile (close forces it), or retention deleted it after a roll
            }
            throw takeOutOfService(new LogOutOfServiceException("an fsync of its log failed: "
                    + IoFailures.reason(e), e));
        }
    }

    /** Records the first failure that takes this log out of service (later ones change nothing) and returns it. */
    private LogOutOfServiceException takeOutOfService(LogOutOfServiceException failure) {
        if (outOfService.compareAndSet(null, failure)) {
            LOG.error("shard log {} is out of service ({}); appends are refused until a restart recovers it from"
                    + " disk, reads keep working", dir, failure.reason(), failure.getCause());
        }
        return failure;
    }

    /** The bytes of the log's segment files, as appended (no I/O). */
    public long sizeInBytes() {
        long bytes = 0;
        for (LogSegment segment : segments.values()) {
            bytes += segment.size();
        }
        return bytes;
    }

    /** Why this log refuses appends until a restart, or empty while it is in service. */
    public Optional<String> outOfServiceReason() {
        LogOutOfServiceException failure = outOfService.get();
        return failure == null ? Optional.empty() : Optional.of(failure.reason());
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads records with offsets >= {@code max(fromOffset, startOffset())}, in order, up to {@code maxRecords}
     * records and {@code maxBytes} bytes (data plus partition key), but at least one record if any exists, even
     * if it alone exceeds {@code maxBytes}. Only batches whose append completed are visible.
     *
     * @throws CorruptLogException when a batch fails its checksum
     */
    public LogReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
        }
        for (int attempt = 0; ; attempt++) {
            ensureOpen();
            long start = Math.max(fromOffset, startOffset);
            long end = endOffset;
            if (start >= end) {
                return new LogReadResult(List.of(), start, 0);
            }
            LogSegment.ReadState state = new LogSegment.ReadState(start, maxRecords, maxBytes, new ArrayList<>());
            Map.Entry<Long, LogSegment> floor = segments.floorEntry(start);
            Long from = floor == null ? segments.firstKey() : floor.getKey();
            try {
                for (LogSegment segment : segments.tailMap(from, true).values()) {
                    segment.read(state);
                    if (state.full) {
                        break;
                    }
                }
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) {
                // Another thread was interrupted during I/O on the shared channel (which closes it): the cache
                // reopens it, so try again.
                if (attempt < MAX_READ_RETRIES) {
                    continue;
                }
                throw e;
            } catch (NoSuchFileException e) {
                // Retention deleted a segment under this read, or the log was closed: start over from the new start.
                if (attempt < MAX_READ_RETRIES && (closed || anyDeletedBelow(state))) {
                    continue;
                }
                throw e;
            }
            List<LogRecord> records = state.out;
            long next = records.isEmpty() ? start : records.get(records.size() - 1).offset() + 1;
            return new LogReadResult(records, next, state.bytes);
        }
    }

    private boolean anyDeletedBelow(LogSegment.ReadState state) {
        Map.Entry<Long, LogSegment> first = segments.firstEntry();
        return first == null || first.getKey() > state.fromOffset || startOffset > state.fromOffset;
    }

    /** Oldest offset reads can return (the trim horizon); equals {@link #endOffset()} when no record is retained. */
    public long startOffset() {
        return startOffset;
    }

    /** The offset the next appended record gets. */
    public long endOffset() {
        return endOffset;
    }

    /** The first offset >= {@link #startOffset()} whose timestamp is >= {@code timestampMs}, or {@link #endOffset()}. */
    public long offsetForTimestamp(long timestampMs) throws IOException {
        ensureOpen();
        long start = startOffset;
        long end = endOffset;
        Map.Entry<Long, LogSegment> floor = segments.floorEntry(start);
        Long from = floor == null ? segments.firstKey() : floor.getKey();
        for (LogSegment segment : segments.tailMap(from, true).values()) {
            long found = segment.offsetForTimestamp(timestampMs, start);
            if (found >= 0) {
                return Math.min(found, end);
            }
        }
        return end;
    }

    /** Timestamp of the newest retained record, empty when none is retained. */
    public OptionalLong newestTimestampMs() {
        long ts = lastTimestampMs;
        return startOffset >= endOffset || ts == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(ts);
    }

    // ---------------------------------------------------------------- retention

    /**
     * Expires every record older than {@code cutoffTimestampMs}: moves and persists the logical start to the first
     * record at or after the cutoff (so expired records inside a kept segment are never returned again), and
     * deletes every whole segment whose newest record is older than the cutoff. A wholly expired active segment
     * is rolled first, so the empty new active segment keeps the offsets going.
     *
     * @return the number of segments deleted
     */
    public int deleteSegmentsOlderThan(long cutoffTimestampMs) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (outOfService.get() != null) {
                return 0; // left exactly as the failure found it, for the recovery at restart
            }
            long firstKept = offsetForTimestamp(cutoffTimestampMs);
            if (!active.isEmpty() && active.nextOffset() <= firstKept) {
                try {
                    roll();
                } catch (AppendFailedException e) {
                    // No new segment on a full disk: keep the active one; the older ones can still go.
                }
            }
            // Whole segments first: deleting them needs no space, so retention frees a full disk even when the
            // log-start-offset file below cannot be written. Until it is, the start is the first kept segment.
            int deleted = 0;
            for (LogSegment segment : segments.values()) {
                if (segment == active || segment.nextOffset() > firstKept) {
                    break;
                }
                segments.remove(segment.baseOffset());
                segment.delete();
                deleted++;
            }
            startOffset = Math.max(startOffset, segments.firstKey());
            if (deleted > 0) {
                runtime.fsyncDirectory(dir);
            }
            if (firstKept > startOffset) {
                LogStartOffsetFile.write(dir, firstKept);
                runtime.fsyncDirectory(dir);
                startOffset = firstKept;
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Number of segments (visible for testing). */
    int segmentCount() {
        return segments.size();
    }

    /** Base offsets of the segments, ascending (visible for testing). */
    List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    /**
     * Closes cleanly: forces the active segment, writes its index files and leaves the {@code clean-shutdown}
     * marker so the next {@link #open} can trust the index files. Idempotent.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            runtime.forget(this);
            try {
                if (outOfService.get() != null) {
                    return; // no seal, no marker: the next open scans and checksums what the disk really holds
                }
                for (LogSegment s : segments.values()) {
                    s.seal(); // the active one, and any sealed asynchronously whose turn has not come yet
                }
                Files.newByteChannel(dir.resolve(LogFileNames.CLEAN_SHUTDOWN_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE).close();
                runtime.fsyncDirectory(dir);
            } finally {
                for (LogSegment s : segments.values()) {
                    s.closeHandle();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the log (without a clean-shutdown marker) and removes its directory and every file in it. */
    public void deleteAll() throws IOException {
        lock.lock();
        try {
            closed = true;
            runtime.forget(this);
            for (LogSegment s : segments.values()) {
                s.delete(); // also turns any seal still queued on the flusher into a no-op
            }
            if (Files.exists(dir)) {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            Path parent = dir.getParent();
            if (parent != null) {
                runtime.fsyncDirectory(parent);
            }
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("shard log " + dir + " is closed");
        }
    }

    private void ensureWritable() throws IOException {
        ensureOpen();
        LogOutOfServiceException failed = outOfService.get();
        if (failed != null) {
            throw failed.again();
        }
    }

    @Override
    public String toString() {
        return "ShardLog(" + dir + ", offsets " + startOffset + ".." + endOffset + ")";
    }
}
