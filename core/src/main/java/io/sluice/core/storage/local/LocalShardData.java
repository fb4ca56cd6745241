package io.sluice.core.storage.local;

import io.sluice.core.log.LogEntry;
import io.sluice.core.log.LogReadResult;
import io.sluice.core.log.ShardLog;
import io.sluice.core.storage.Appended;
import io.sluice.core.storage.ShardData;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A shard's records in its own {@link ShardLog} in the data directory: offsets consecutive, arrival times as given. */
public final class LocalShardData implements ShardData {

    private final ShardLog log;

    public LocalShardData(ShardLog log) {
        this.log = log;
    }

    @Override
    public Appended append(List<LogEntry> entries) throws IOException {
        return Appended.consecutive(log.append(entries), entries.size(), entries.get(0).timestampMs());
    }

    @Override
    public LogReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException {
        return log.read(fromOffset, maxRecords, maxBytes);
    }

    @Override
    public long startOffset() {
        return log.startOffset();
    }

    @Override
    public long endOffset() {
        return log.endOffset();
    }

    @Override
    public long offsetForTimestamp(long timestampMs) throws IOException {
        return log.offsetForTimestamp(timestampMs);
    }

    @Override
    public OptionalLong newestTimestampMs() {
        return log.newestTimestampMs();
    }

    @Override
    public int deleteOlderThan(long cutoffMs) throws IOException {
        return log.deleteSegmentsOlderThan(cutoffMs);
    }

    @Override
    public long sizeInBytes() {
        return log.sizeInBytes();
    }

    @Override
    public Optional<String> outOfServiceReason() {
        return log.outOfServiceReason();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    @Override
    public void deleteAll() throws IOException {
        log.deleteAll();
    }

    @Override
    public String toString() {
        return log.toString();
    }
}
