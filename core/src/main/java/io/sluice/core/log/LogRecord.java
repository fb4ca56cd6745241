package io.sluice.core.log;

import java.util.Objects;

/**
 * One record as read back from a {@link ShardLog}: its offset (position in the shard, consecutive from 0), the
 * timestamp stored with it (clamped to be non-decreasing), its partition key and its payload.
 *
 * <p>{@code data} is a fresh array owned by the caller.
 */
public record LogRecord(long offset, long timestampMs, String partitionKey, byte[] data) {
    public LogRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }
}
