package io.sluice.core.api;

import java.util.List;

/**
 * GetRecords' answer. {@code nextShardIterator} is null once the end of a closed shard is reached; then
 * {@code childShards} lists its children (otherwise empty).
 */
public record GetRecordsResult(List<StreamRecord> records, String nextShardIterator, long millisBehindLatest,
                               List<ChildShard> childShards) {
}
