package io.sluice.connect.source;

import io.sluice.connect.source.SourceOffsets.Checkpoint;
import io.sluice.connect.source.config.StartPosition;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Where reading a shard starts, as a GetShardIterator request: strictly after the checkpoint's record, at the
 * checkpoint's aggregate when it is mid-aggregate (the caller skips the user records already done), else the trim
 * horizon for a child of a shard that was read, else the configured position. The task and the connector's drain
 * check use the same rule, so they agree on what "the rest of the shard" is. Pure and thread-safe.
 */
final class ShardIterators {

    private ShardIterators() {
    }

    static GetShardIteratorRequest request(ShardRef shard, Optional<Checkpoint> checkpoint, StartPosition position,
                                           Optional<Instant> timestamp, boolean fromTrimHorizon) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                .streamName(shard.stream())
                .shardId(shard.shardId());
        if (checkpoint.isPresent()) {
            return request.shardIteratorType(checkpoint.get().midAggregate()
                            ? ShardIteratorType.AT_SEQUENCE_NUMBER : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(checkpoint.get().sequenceNumber())
                    .build();
        }
        if (fromTrimHorizon) {
            return request.shardIteratorType(ShardIteratorType.TRIM_HORIZON).build();
        }
        return switch (position) {
            case TRIM_HORIZON -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON).build();
            case LATEST -> request.shardIteratorType(ShardIteratorType.LATEST).build();
            case AT_TIMESTAMP -> request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                    .timestamp(timestamp.orElseThrow()).build();
        };
    }

    /** From the trim horizon: where a position older than the trim horizon continues. */
    static GetShardIteratorRequest trimHorizon(ShardRef shard) {
        return GetShardIteratorRequest.builder().streamName(shard.stream()).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON).build();
    }
}
