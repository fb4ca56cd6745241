package io.sluice.core.log;

import java.util.Objects;

/**
 * One record handed to {@link ShardLog#append}: its arrival time, its partition key and its payload.
 *
 * <p>The log stores the bytes as given and never copies or changes {@code data} after {@code append}
 * returns; callers must not mutate the array while an append is in progress.
 */
public record LogEntry(long timestampMs, String partitionKey, byte[] data) {
    public LogEntry {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }
}
