package io.sluice.core.engine;

import io.sluice.core.api.ChildShard;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.seq.SequenceNumber;
import io.sluice.core.stream.ShardIds;
import java.util.ArrayList;
import java.util.List;

/** Builds the API views of shards (Shard, ChildShard) from metadata. Stateless. */
public final class ShardViews {

    private ShardViews() {
    }

    public static ShardInfo info(StreamMetadata stream, ShardMetadata shard) {
        return new ShardInfo(ShardIds.format(shard.index()),
                shard.parentIndex() == null ? null : ShardIds.format(shard.parentIndex()),
                shard.adjacentParentIndex() == null ? null : ShardIds.format(shard.adjacentParentIndex()),
                shard.startingHashKey(), shard.endingHashKey(),
                new SequenceNumber(stream.createdMs(), shard.index(), 0).encode(),
                shard.isOpen() ? null : endingSequenceNumber(stream, shard.index()));
    }

    /** The EndingSequenceNumber of a closed shard: above every record of it, below every record of its children. */
    public static String endingSequenceNumber(StreamMetadata stream, int shardIndex) {
        return new SequenceNumber(stream.createdMs(), shardIndex, SequenceNumber.ENDING_OFFSET).encode();
    }

    public static List<ChildShard> children(StreamMetadata stream, int shardIndex) {
        List<ChildShard> children = new ArrayList<>();
        for (ShardMetadata s : stream.shards()) {
            boolean child = (s.parentIndex() != null && s.parentIndex() == shardIndex)
                    || (s.adjacentParentIndex() != null && s.adjacentParentIndex() == shardIndex);
            if (child) {
                List<String> parents = new ArrayList<>();
                parents.add(ShardIds.format(s.parentIndex()));
                if (s.adjacentParentIndex() != null) {
                    parents.add(ShardIds.format(s.adjacentParentIndex()));
                }
                children.add(new ChildShard(ShardIds.format(s.index()), parents, s.startingHashKey(), s.endingHashKey()));
            }
        }
        return children;
    }
}
