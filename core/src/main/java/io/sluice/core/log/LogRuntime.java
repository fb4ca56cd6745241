package io.sluice.core.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all shard logs of one engine share, so that thousands of mostly idle shards cost neither a thread nor an
 * open file each:
 * <ul>
 *   <li>a bounded LRU of open segment files ({@link LogConfig#maxOpenFiles()}), reopened on demand;</li>
 *   <li>with {@link FsyncPolicy.Interval}, one daemon thread {@code sluice-log-flusher} that forces, once per
 *       period, every log appended to since its previous pass (idle logs cost nothing).</li>
 * </ul>
 * Create one per engine, open every {@link ShardLog} with it, and close it after the logs: closing runs a last
 * flush pass and closes every cached file.
 *
 * <p>Thread-safe.
 */
public final class LogRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogRuntime.class);

    private final LogConfig config;
    private final FileHandleCache files;
    private final Set<ShardLog> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;
    private volatile boolean closed;

    public LogRuntime(LogConfig config) {
        this(config, DataSync.FILE_CHANNEL);
    }

    /** With {@code sync} forcing segment data to disk: tests pass one that fails. */
    LogRuntime(LogConfig config, DataSync sync) {
        this.config = Objects.requireNonNull(config, "config");
        this.files = new FileHandleCache(config.maxOpenFiles(), sync);
        if (config.fsync() instanceof FsyncPolicy.Interval interval) {
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sluice-log-flusher");
                t.setDaemon(true);
                return t;
            });
            long periodNanos = interval.period().toNanos();
            flusher.scheduleWithFixedDelay(this::flushDirty, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        } else {
            this.flusher = null;
        }
    }

    public LogConfig config() {
        return config;
    }

    /** Segment files currently open in the shared cache. */
    public int openFiles() {
        return files.openCount();
    }

    /** The flush period of an interval policy, or zero for {@code always}. */
    public Duration flushPeriod() {
        return config.fsync() instanceof FsyncPolicy.Interval i ? i.period() : Duration.ZERO;
    }

    FileHandleCache files() {
        return files;
    }

    boolean fsyncOnAppend() {
        return config.fsync() instanceof FsyncPolicy.Always;
    }

    void markDirty(ShardLog log) {
        dirty.add(log);
    }

    void forget(ShardLog log) {
        dirty.remove(log);
    }

    /**
     * Finishes a roll: seals the segment that just stopped being active and fsyncs the log directory (which now
     * holds the new segment's file). With an interval policy this runs on the flusher thread, ahead of its next
     * pass, so the appender waits neither for the old segment's fsync nor for the directory's (which on ext4 means
     * a journal commit); acknowledged appends are promised durable only after that pass anyway. With
     * {@code always} it runs at once, before the append that caused the roll is acknowledged.
     */
    void completeRoll(LogSegment sealed, ShardLog log) throws IOException {
        if (flusher == null || closed) {
            sealSegment(sealed, log);
            return;
        }
        flusher.execute(() -> {
            try {
                sealSegment(sealed, log);
            } catch (IOException | RuntimeException e) {
                LOG.error("sealing segment {} of shard log {} failed", sealed, log.directory(), e);
            }
        });
    }

    /** Seals a segment and makes the new segment's file durable; a failed fsync takes the log out of service. */
    private static void sealSegment(LogSegment sealed, ShardLog log) throws IOException {
        try {
            sealed.seal();
            DurableDirectories.fsync(log.directory());
        } catch (IOException e) {
            log.failFsync(e instanceof FsyncFailedException f ? f
                    : new FsyncFailedException("the directory or indexes of " + log.directory(), e));
            throw e;
        }
    }

    /** One flusher pass (visible for testing). */
    void flushDirty() {
        for (ShardLog log : dirty) {
            // Remove before flushing: an append racing with this pass re-adds the log for the next pass.
            dirty.remove(log);
            try {
                log.flush();
            } catch (FsyncFailedException e) {
                // Not retried: a second fsync may report success over pages the kernel dropped. The log now
                // refuses appends (ShardLog#failFsync logged why); it is recovered from disk at the next start.
            } catch (IOException | RuntimeException e) {
                LOG.error("flushing shard log {} failed; will retry next pass", log.directory(), e);
                if (!closed) {
                    dirty.add(log);
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (flusher != null) {
            flusher.shutdown();
            try {
                if (!flusher.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("the log flusher did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flushDirty();
        }
        files.close();
    }
}
