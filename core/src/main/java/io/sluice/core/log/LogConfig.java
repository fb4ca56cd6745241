package io.sluice.core.log;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by every {@link ShardLog} of one {@link LogRuntime}.
 *
 * @param fsync              when appends reach stable storage
 * @param segmentBytes       a segment rolls once the next batch would take it past this size (a batch larger than
 *                           this gets a segment of its own); at most {@link Integer#MAX_VALUE}
 * @param indexIntervalBytes bytes of batches between two sparse index entries
 * @param maxOpenFiles       bound of the runtime's LRU of open segment file handles (leased handles may exceed it
 *                           briefly; they close as soon as they are released)
 */
public record LogConfig(FsyncPolicy fsync, long segmentBytes, int indexIntervalBytes, int maxOpenFiles) {

    public static final long DEFAULT_SEGMENT_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    public static final int DEFAULT_MAX_OPEN_FILES = 512;

    public LogConfig {
        Objects.requireNonNull(fsync, "fsync");
        if (segmentBytes < RecordBatch.HEADER_SIZE || segmentBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segmentBytes must be in [" + RecordBatch.HEADER_SIZE + ", " + Integer.MAX_VALUE + "], got " + segmentBytes);
        }
        if (indexIntervalBytes < 1) {
            throw new IllegalArgumentException("indexIntervalBytes must be positive, got " + indexIntervalBytes);
        }
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be positive, got " + maxOpenFiles);
        }
    }

    /** fsync always, 128 MiB segments, an index entry every 4 KiB, at most 512 open segment files. */
    public static LogConfig defaults() {
        return new LogConfig(FsyncPolicy.always(), DEFAULT_SEGMENT_BYTES, DEFAULT_INDEX_INTERVAL_BYTES, DEFAULT_MAX_OPEN_FILES);
    }

    public LogConfig withFsync(FsyncPolicy policy) {
        return new LogConfig(policy, segmentBytes, indexIntervalBytes, maxOpenFiles);
    }

    public LogConfig withFsyncInterval(Duration period) {
        return withFsync(FsyncPolicy.interval(period));
    }

    public LogConfig withSegmentBytes(long bytes) {
        return new LogConfig(fsync, bytes, indexIntervalBytes, maxOpenFiles);
    }

    public LogConfig withIndexIntervalBytes(int bytes) {
        return new LogConfig(fsync, segmentBytes, bytes, maxOpenFiles);
    }

    public LogConfig withMaxOpenFiles(int files) {
        return new LogConfig(fsync, segmentBytes, indexIntervalBytes, files);
    }
}
