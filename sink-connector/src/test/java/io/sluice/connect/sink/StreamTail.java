package io.sluice.connect.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Follows every shard of a stream from TRIM_HORIZON, one GetRecords call per shard per {@link #poll()}, keeping its
 * place between polls. Against a server with Kinesis's read limits a poll may be throttled; it then throws and
 * changes nothing, so a test polls it under Awaitility (ignoring the throttling) until enough records arrived.
 * Not thread-safe.
 */
final class StreamTail {

    private final KinesisClient kinesis;
    private final String stream;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, List<Record>> records = new LinkedHashMap<>();

    StreamTail(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /** Reads once more from every shard; returns the number of records read so far. */
    int poll() {
        if (iterators.isEmpty()) {
            for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                iterators.put(shard.shardId(), iterator);
                records.put(shard.shardId(), new ArrayList<>());
            }
        }
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            if (shard.getValue() != null) {
                String iterator = shard.getValue();
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(iterator).limit(2000));
                records.get(shard.getKey()).addAll(response.records());
                shard.setValue(response.nextShardIterator());
            }
        }
        return count();
    }

    int count() {
        return records.values().stream().mapToInt(List::size).sum();
    }

    /** Everything read so far, shard after shard. */
    List<Record> records() {
        return records.values().stream().flatMap(List::stream).toList();
    }
}
