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
 * Reads a whole stream back for ITs: every shard from TRIM_HORIZON until it is caught up, with GetShardIterator and
 * GetRecords, as any Kinesis consumer would. Throttling errors propagate; callers wait with Awaitility ignoring them.
 */
final class StreamReader {

    private StreamReader() {
    }

    /** The records of every shard of {@code stream}, per shard id, in shard order. */
    static Map<String, List<Record>> readAll(KinesisClient kinesis, String stream) {
        Map<String, List<Record>> byShard = new LinkedHashMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            List<Record> records = new ArrayList<>();
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current));
                records.addAll(response.records());
                if (response.records().isEmpty() && response.millisBehindLatest() == 0) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
            byShard.put(shard.shardId(), records);
        }
        return byShard;
    }

    /** All records of {@code stream}, shard after shard. */
    static List<Record> readAllFlat(KinesisClient kinesis, String stream) {
        return readAll(kinesis, stream).values().stream().flatMap(List::stream).toList();
    }
}
