package io.sluice.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads every shard of a stream with GetRecords, a child only after each parent it has in the listing was read to
 * its end, so a key's records come out in order across splits and merges. Shards without parents in the listing
 * start at the requested position, children at their start. Without {@code follow} it ends once every shard it can
 * read is caught up; with it, it lists the shards again now and then to find the children of a reshard.
 *
 * <p>Kinesis allows 5 reads a second per shard: a shard that answered nothing rests 200 ms, a throttled one a
 * second. Not thread-safe: one command runs it.
 */
final class StreamTail {

    /** Where shards without a parent start. */
    record From(ShardIteratorType type, Instant timestamp) {
    }

    private static final long EMPTY_REST_MS = 200;
    private static final long THROTTLED_REST_MS = 1_000;
    private static final long RELIST_MS = 5_000;

    private final KinesisClient kinesis;
    private final String stream;
    private final From from;
    private final boolean follow;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();

    private static final class ShardState {
        final Shard shard;
        String iterator;
        boolean ended;
        boolean caughtUp;
        long restUntil;

        ShardState(Shard shard) {
            this.shard = shard;
        }
    }

    StreamTail(KinesisClient kinesis, String stream, From from, boolean follow) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.from = from;
        this.follow = follow;
    }

    /** Reads until caught up (or, following, until {@code maxRecords}); hands each record to {@code out}. */
    void run(long maxRecords, BiConsumer<String, Record> out) throws InterruptedException {
        long printed = 0;
        long listedAt = 0;
        while (true) {
            long now = System.currentTimeMillis();
            if (shards.isEmpty() || (follow && now - listedAt >= RELIST_MS)) {
                list();
                listedAt = now;
            }
            boolean readAny = false;
            for (ShardState state : readable()) {
                if (state.restUntil > now) {
                    continue;
                }
                GetRecordsResponse page;
                try {
                    page = kinesis.getRecords(r -> r.shardIterator(iterator(state)));
                } catch (ProvisionedThroughputExceededException throttled) {
                    state.restUntil = now + THROTTLED_REST_MS;
                    continue;
                }
                for (Record record : page.records()) {
                    out.accept(state.shard.shardId(), record);
                    if (++printed >= maxRecords) {
                        return;
                    }
                }
                readAny |= !page.records().isEmpty();
                state.iterator = page.nextShardIterator();
                state.ended = state.iterator == null;
                state.caughtUp = page.records().isEmpty() && Long.valueOf(0).equals(page.millisBehindLatest());
                if (page.records().isEmpty()) {
                    state.restUntil = now + EMPTY_REST_MS;
                }
            }
            if (!follow && readable().stream().allMatch(s -> s.ended || s.caughtUp) && !childrenWaiting()) {
                return;
            }
            if (!readAny) {
                Thread.sleep(50);
            }
        }
    }

    private void list() {
        String token = null;
        do {
            String page = token;
            ListShardsResponse listed = page == null ? kinesis.listShards(r -> r.streamName(stream))
                    : kinesis.listShards(r -> r.nextToken(page));
            for (Shard shard : listed.shards()) {
                shards.putIfAbsent(shard.shardId(), new ShardState(shard));
            }
            token = listed.nextToken();
        } while (token != null);
    }

    /** Shards not read to their end whose parents in the listing all were. */
    private List<ShardState> readable() {
        List<ShardState> readable = new ArrayList<>();
        for (ShardState state : shards.values()) {
            if (!state.ended && parentsDone(state.shard)) {
                readable.add(state);
            }
        }
        return readable;
    }

    private boolean childrenWaiting() {
        return shards.values().stream().anyMatch(s -> !s.ended && !parentsDone(s.shard));
    }

    private boolean parentsDone(Shard shard) {
        return done(shard.parentShardId()) && done(shard.adjacentParentShardId());
    }

    private boolean done(String parent) {
        ShardState state = parent == null ? null : shards.get(parent);
        return state == null || state.ended; // a parent not listed any more was trimmed away
    }

    private boolean hasParentInListing(Shard shard) {
        return shards.containsKey(String.valueOf(shard.parentShardId()))
                || shards.containsKey(String.valueOf(shard.adjacentParentShardId()));
    }

    private String iterator(ShardState state) {
        if (state.iterator == null) {
            GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamName(stream)
                    .shardId(state.shard.shardId());
            if (hasParentInListing(state.shard)) {
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                request.shardIteratorType(from.type()).timestamp(from.timestamp());
            }
            state.iterator = kinesis.getShardIterator(request.build()).shardIterator();
        }
        return state.iterator;
    }
}
