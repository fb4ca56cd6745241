package io.sluice.core.storage;

import io.sluice.core.log.LogEntry;
import io.sluice.core.log.LogReadResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The records of one shard, wherever they are kept: the engine's {@link Storage} opens one per shard and the
 * engine keeps every Kinesis rule (routing, sequence numbers, iterators, limits) above it.
 *
 * <p>Offsets are positions in the shard's own log: increasing, not necessarily consecutive (a log shared by
 * several servers interleaves their appends). A record at an offset never changes; retention only moves the
 * start. Thread-safe: appends are serialized by the caller per shard, reads may run at any time.
 */
public interface ShardData extends AutoCloseable {

    /**
     * Appends the entries in order and returns where they landed. Entries carry the arrival time the caller
     * stamped; a storage whose own clock stamps arrival (Kafka's log-append time) reports that one instead.
     */
    Appended append(List<LogEntry> entries) throws IOException;

    /**
     * Starts the append of {@code entries} (in order after any sent before) and returns without waiting for it where
     * the storage can; a log of its own appends at once.
     */
    default PendingAppend send(List<LogEntry> entries) throws IOException {
        Appended appended = append(entries);
        return () -> appended;
    }

    /** Up to {@code maxRecords} records and about {@code maxBytes} from {@code fromOffset} (at least one record). */
    LogReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException;

    /** The first offset retention has not removed. */
    long startOffset();

    /** One past the newest record. */
    long endOffset();

    /**
     * {@link #endOffset()}, or a value at most a moment old where the exact one costs a request (a log elsewhere):
     * for figures that are approximate anyway (how far a reader lags).
     */
    default long recentEndOffset() {
        return endOffset();
    }

    /** The first offset whose arrival time is at or after {@code timestampMs}, or the end offset. */
    long offsetForTimestamp(long timestampMs) throws IOException;

    /** The arrival time of the newest record, when the storage keeps one cheaply. */
    OptionalLong newestTimestampMs();

    /** Removes records older than {@code cutoffMs} where the storage does not do that itself; returns how many units went. */
    int deleteOlderThan(long cutoffMs) throws IOException;

    /** Bytes held for this shard, or -1 where the storage cannot tell cheaply. */
    long sizeInBytes();

    /** Why the shard's records are read-only until a restart, or empty while they are in service. */
    Optional<String> outOfServiceReason();

    /**
     * The end offset to record when the shard closes, or empty when other servers may still append to it for a
     * while: the engine then records the end once the close is known everywhere ({@link Storage#shared()}).
     */
    default OptionalLong endOffsetAtClose() {
        return OptionalLong.of(endOffset());
    }

    /**
     * Calls {@code wake} when it sees records appended by someone else (another server sharing the log): readers
     * waiting for new records are only woken by this server's appends otherwise. Local logs have no one else.
     */
    default void onForeignAppend(Runnable wake) {
    }

    @Override
    void close() throws IOException;

    /** Removes the shard's records for good (its stream was deleted, or its creation failed). */
    void deleteAll() throws IOException;
}
