package io.sluice.core.log;

import java.util.Objects;

/**
 * One record handed to {@link ShardLog#append}: its arrival time, its partition key and its payload, and the
 * explicit hash key it was put with, if any (the segment log does not keep it: no Kinesis read returns it; Kafka
 * storage keeps it in a header for the topic's own consumers).
 *
 * <p>The log stores the bytes as given and never copies or changes {@code data} after {@code append}
 * returns; callers must not mutate the array while an append is in progress.
 */
public record LogEntry(long timestampMs, String partitionKey, byte[] data, String explicitHashKey) {
    public LogEntry {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }

    public LogEntry(long timestampMs, String partitionKey, byte[] data) {
        this(timestampMs, partitionKey, data, null);
    }
}
