package io.sluice.core.iterator;

import java.util.Objects;

/**
 * What a shard iterator stands for: the next record to read in one shard of one stream incarnation, and when
 * the iterator was issued (iterators expire 5 minutes after issue).
 *
 * @param streamName      the stream's name
 * @param streamCreatedMs the stream's creation time (tells a re-created stream of the same name apart)
 * @param shardIndex      the shard
 * @param offset          the log offset of the next record to return
 * @param issuedAtMs      when the iterator was issued, epoch ms
 */
public record ShardPosition(String streamName, long streamCreatedMs, int shardIndex, long offset, long issuedAtMs) {
    public ShardPosition {
        Objects.requireNonNull(streamName, "streamName");
    }
}
