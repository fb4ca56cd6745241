package io.sluice.core.api;

/**
 * GetShardIterator. {@code startingSequenceNumber} for AT_/AFTER_SEQUENCE_NUMBER, {@code timestampMs} for
 * AT_TIMESTAMP, otherwise null.
 */
public record GetShardIteratorRequest(StreamRef stream, String shardId, ShardIteratorType type,
                                      String startingSequenceNumber, Long timestampMs) {
}
