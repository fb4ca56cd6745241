package io.sluice.console.tail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.console.monitor.StreamShards;
import io.sluice.console.web.Json;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The newest records of a stream, across its shards: on the first call the latest {@value #SHOWN} records, then
 * whatever arrived after the positions the page sends back ({@code after}: shard → last sequence number seen), at
 * most {@value #SHOWN} a call — a look at a busy stream shows its latest records, not a backlog. Reads neither
 * throttle nor count as GetRecords (see {@link StreamEngine#newestRecords}). Memory stays bounded however many
 * shards there are: shards are read one at a time, about {@value #SHARD_BYTES} bytes each, and only the newest
 * records found so far are kept.
 */
public final class RecordTail {

    public static final int SHOWN = 100;
    static final long SHARD_BYTES = 1 << 20;
    /** The playground's samples hold about this much data at most (the oldest go first). */
    static final long SAMPLE_BYTES = 8 << 20;

    private static final Comparator<StreamRecord> ARRIVAL = Comparator
            .comparingLong(StreamRecord::approximateArrivalTimestampMs).thenComparing(StreamRecord::sequenceNumber);

    private record Seen(String shardId, StreamRecord record) {
    }

    private final StreamEngine engine;

    public RecordTail(StreamEngine engine) {
        this.engine = engine;
    }

    /** The records, oldest first, and the positions to send next time. */
    public ObjectNode newest(String stream, Map<String, String> after) {
        PriorityQueue<Seen> newest = new PriorityQueue<>(Comparator.comparing(Seen::record, ARRIVAL));
        ObjectNode page = Json.object();
        ObjectNode positions = page.putObject("after");
        for (ShardInfo shard : StreamShards.all(engine, stream)) {
            String seen = after.get(shard.shardId());
            List<StreamRecord> records = engine.newestRecords(StreamRef.named(stream), shard.shardId(), seen, SHOWN,
                    SHARD_BYTES);
            if (!records.isEmpty()) {
                seen = records.get(records.size() - 1).sequenceNumber();
            }
            if (seen != null) {
                positions.put(shard.shardId(), seen);
            }
            for (StreamRecord record : records) {
                newest.add(new Seen(shard.shardId(), record));
                if (newest.size() > SHOWN) {
                    newest.poll();
                }
            }
        }
        ArrayNode list = page.putArray("records");
        while (!newest.isEmpty()) {
            Seen next = newest.poll();
            list.add(RecordView.of(next.shardId(), next.record()));
        }
        return page;
    }

    /** The latest {@code limit} records of the stream (about {@value #SAMPLE_BYTES} bytes at most), oldest first. */
    public List<StreamRecord> latest(String stream, int limit) {
        PriorityQueue<StreamRecord> newest = new PriorityQueue<>(ARRIVAL);
        long bytes = 0;
        for (ShardInfo shard : StreamShards.all(engine, stream)) {
            for (StreamRecord record : engine.newestRecords(StreamRef.named(stream), shard.shardId(), null, limit,
                    SHARD_BYTES)) {
                newest.add(record);
                bytes += record.data().length;
                while (newest.size() > limit || bytes > SAMPLE_BYTES && newest.size() > 1) {
                    bytes -= newest.poll().data().length;
                }
            }
        }
        List<StreamRecord> oldestFirst = new ArrayList<>(newest.size());
        while (!newest.isEmpty()) {
            oldestFirst.add(newest.poll());
        }
        return oldestFirst;
    }
}
