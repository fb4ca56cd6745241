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

/**
 * The newest records of a stream, across its shards: on the first call the latest {@value #SHOWN} records, then
 * whatever arrived after the positions the page sends back ({@code after}: shard → last sequence number seen), at
 * most {@value #SHOWN} a call — a look at a busy stream shows its latest records, not a backlog. Reads neither
 * throttle nor count as GetRecords (see {@link StreamEngine#newestRecords}).
 */
public final class RecordTail {

    public static final int SHOWN = 100;

    private final StreamEngine engine;

    public RecordTail(StreamEngine engine) {
        this.engine = engine;
    }

    /** The records, oldest first, and the positions to send next time. */
    public ObjectNode newest(String stream, Map<String, String> after) {
        List<ObjectNode> rows = new ArrayList<>();
        ObjectNode page = Json.object();
        ObjectNode positions = page.putObject("after");
        for (ShardInfo shard : StreamShards.all(engine, stream)) {
            String seen = after.get(shard.shardId());
            List<StreamRecord> records = engine.newestRecords(StreamRef.named(stream), shard.shardId(), seen, SHOWN);
            if (!records.isEmpty()) {
                seen = records.get(records.size() - 1).sequenceNumber();
            }
            if (seen != null) {
                positions.put(shard.shardId(), seen);
            }
            records.forEach(record -> rows.add(RecordView.of(shard.shardId(), record)));
        }
        rows.sort(Comparator.comparingLong((ObjectNode row) -> row.get("arrival").asLong())
                .thenComparing(row -> row.get("sequenceNumber").asText()));
        ArrayNode list = page.putArray("records");
        rows.subList(Math.max(0, rows.size() - SHOWN), rows.size()).forEach(list::add);
        return page;
    }

    /** The latest {@code limit} records of the stream, oldest first (for the pump playground). */
    public List<StreamRecord> latest(String stream, int limit) {
        List<StreamRecord> all = new ArrayList<>();
        for (ShardInfo shard : StreamShards.all(engine, stream)) {
            all.addAll(engine.newestRecords(StreamRef.named(stream), shard.shardId(), null, limit));
        }
        all.sort(Comparator.comparingLong(StreamRecord::approximateArrivalTimestampMs)
                .thenComparing(StreamRecord::sequenceNumber));
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }
}
