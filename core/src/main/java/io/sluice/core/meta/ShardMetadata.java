package io.sluice.core.meta;

import io.sluice.core.hash.HashKeyRange;
import java.math.BigInteger;

/**
 * The durable description of one shard. Immutable (a change makes a new instance).
 *
 * @param index                the shard index ({@code shardId-%012d})
 * @param parentIndex          the parent shard, null for an original shard
 * @param adjacentParentIndex  the second parent of a merge, else null
 * @param startingHashKey      first hash key, decimal
 * @param endingHashKey        last hash key, decimal
 * @param createdMs            when the shard opened, epoch ms
 * @param closedMs             when it closed (split, merge, scaling), null while open
 * @param endOffset            the log's end offset at close (exclusive; no record at or past it), null while open
 *                             and, in a log shared by several servers, until the close is known to all of them
 */
public record ShardMetadata(int index, Integer parentIndex, Integer adjacentParentIndex, String startingHashKey,
                            String endingHashKey, long createdMs, Long closedMs, Long endOffset) {

    public static ShardMetadata open(int index, Integer parent, Integer adjacentParent, HashKeyRange range, long nowMs) {
        return new ShardMetadata(index, parent, adjacentParent, range.start().toString(), range.end().toString(),
                nowMs, null, null);
    }

    public boolean isOpen() {
        return closedMs == null;
    }

    public HashKeyRange range() {
        return new HashKeyRange(new BigInteger(startingHashKey), new BigInteger(endingHashKey));
    }

    /** True for a closed shard whose end offset is still to be recorded (a log shared by several servers). */
    public boolean isEndPending() {
        return closedMs != null && endOffset == null;
    }

    public ShardMetadata close(long nowMs, Long logEndOffset) {
        return new ShardMetadata(index, parentIndex, adjacentParentIndex, startingHashKey, endingHashKey, createdMs,
                nowMs, logEndOffset);
    }
}
