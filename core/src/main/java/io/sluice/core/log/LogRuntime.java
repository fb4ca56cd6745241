package io.sluice.core.log;

import io.sluice.core.fs.ChannelOpener;
import io.sluice.core.fs.Directories;
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
 * <p>A failed fsync is never retried: the flusher takes that log out of service (see {@link ShardLog}) and stops
 * flushing it, because after a failed fsync the kernel may have dropped the pages it could not write and a second
 * fsync would report success over the loss.
 *
 * <p>Thread-safe.
 */
public final class LogRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogRuntime.class);

    private final LogConfig config;
    private final ChannelOpener opener;
    private final FileHandleCache files;
    private final Set<ShardLog> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;
    private volatile boolean closed;

    public LogRuntime(LogConfig config) {
        this(config, ChannelOpener.PLAIN);
    }

    /**
     * A runtime that opens segment files and directories through {@code opener}: the seam fault tests use to make
     * an fsync fail (production uses {@link #LogRuntime(LogConfig)}).
     */
    public LogRuntime(LogConfig config, ChannelOpener opener) {
        this.config = Objects.requireNonNull(config, "config");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.files = new FileHandleCache(config.maxOpenFiles(), opener);
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

    ChannelOpener opener() {
        return opener;
    }

    /** Makes creations, renames and deletions in {@code dir} durable. */
    void fsyncDirectory(Path dir) throws IOException {
        Directories.fsync(dir, opener);
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
     * Finishes a roll of {@code log}: seals the segment that just stopped being active and fsyncs the log directory
     * (which now holds the new segment's file), see {@link ShardLog#finishRoll}. With an interval policy this runs
     * on the flusher thread, ahead of its next pass, so the appender waits neither for the old segment's fsync nor
     * for the directory's (which on ext4 means a journal commit); acknowledged appends are promised durable only
     * after that pass anyway. With {@code always} it runs at once, before the append that caused the roll is
     * acknowledged.
     */
    void completeRoll(ShardLog log, LogSegment sealed) {
        if (flusher == null || closed) {
            log.finishRoll(sealed);
            return;
        }
        flusher.execute(() -> log.finishRoll(sealed));
    }

    /** One flusher pass (visible for testing). */
    void flushDirty() {
        for (ShardLog log : dirty) {
            // Remove before flushing: an append racing with this pass re-adds the log for the next pass.
            dirty.remove(log);
            try {
                log.flush();
            } catch (IOException e) {
                // Not re-added: a log whose fsync failed took itself out of service (and logged why); it is never
                // flushed again.
            } catch (RuntimeException e) {
                LOG.error("flushing shard log {} failed", log.directory(), e);
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
