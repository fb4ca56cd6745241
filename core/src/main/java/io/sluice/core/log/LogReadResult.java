package io.sluice.core.log;

import java.util.List;

/**
 * What {@link ShardLog#read} returns.
 *
 * @param records    the records, in offset order, consecutive except where retention or recovery left a gap
 * @param nextOffset the offset to read from next (one past the last returned record, or the position the read
 *                   started from when nothing was returned)
 * @param bytes      the sum over {@code records} of the data length plus the UTF-8 length of the partition key,
 *                   the quantity Kinesis caps per GetRecords call
 */
public record LogReadResult(List<LogRecord> records, long nextOffset, long bytes) {
    public LogReadResult {
        records = List.copyOf(records);
    }
}
