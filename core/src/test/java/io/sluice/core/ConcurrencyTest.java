package io.sluice.core;

import static io.sluice.core.EngineFixture.bytes;
import static io.sluice.core.EngineFixture.drain;
import static io.sluice.core.EngineFixture.iterator;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

    @TempDir
    Path dir;

    /** Each writer owns one partition key and writes "key:n" for n = 0, 1, ...; readers must see n in order. */
    @Test
    void manyWritersOnManyShardsKeepPerKeyOrderAcrossSplits() throws Exception {
        EngineFixture fx = new EngineFixture(dir);
        int writers = 8;
        int perWriter = 400;
        try (StreamEngine engine = fx.open()) {
            engine.createStream("s", 4, null, null);
            StreamRef s = StreamRef.named("s");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String key = "writer-" + w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < perWriter; n += 4) {
                        if (n % 8 == 0) {
                            for (int k = 0; k < 4; k++) {
                                engine.putRecord(new PutRecordRequest(s, key, bytes(key + ":" + (n + k)), null, null));
                            }
                        } else {
                            List<PutRecordsEntry> batch = new ArrayList<>();
                            for (int k = 0; k < 4; k++) {
                                batch.add(new PutRecordsEntry(key, bytes(key + ":" + (n + k)), null));
                            }
                            PutRecordsResult r = engine.putRecords(s, batch);
                            assertThat(r.failedRecordCount()).isZero();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            // reshard while writers run
            engine.splitShard(s, "shardId-000000000000", "42535295865117307932921825928971026432");
            engine.mergeShards(s, "shardId-000000000002", "shardId-000000000003");
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            Map<String, List<Integer>> seen = new HashMap<>();
            Map<String, BigInteger> lastSeq = new HashMap<>();
            // shards in index order: parents before children, so per-key order must hold across the lineage
            for (ShardInfo shard : engine.describeStream(s, null, null).shards()) {
                for (StreamRecord r : drain(engine, iterator(engine, "s", shard.shardId(), ShardIteratorType.TRIM_HORIZON, null))) {
                    String[] parts = new String(r.data(), StandardCharsets.UTF_8).split(":");
                    seen.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
                    BigInteger seq = new BigInteger(r.sequenceNumber());
                    BigInteger prev = lastSeq.put(parts[0], seq);
                    if (prev != null) {
                        assertThat(seq).as("sequence numbers of one key increase across shards").isGreaterThan(prev);
                    }
                }
            }
            assertThat(seen).hasSize(writers);
            for (List<Integer> ns : seen.values()) {
                assertThat(ns).hasSize(perWriter).isSorted();
            }
        }
    }

    @Test
    void awaitRecordsCompletesOnTheNextAppendWithoutPolling() throws Exception {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = fx.open()) {
            engine.createStream("s", 1, null, null);
            String it = iterator(engine, "s", "shardId-000000000000", ShardIteratorType.LATEST, null);
            var waiting = engine.awaitRecords(it);
            assertThat(waiting).isNotDone();
            EngineFixture.put(engine, "s", "k", "wake");
            assertThat(waiting).isCompleted();
            assertThat(engine.awaitRecords(it)).as("a record is already there").isCompleted();
            assertThat(EngineFixture.texts(engine.getRecords(it, null).records())).containsExactly("wake");
        }
    }

    @Test
    void awaitRecordsCompletesWhenTheShardCloses() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = fx.open()) {
            engine.createStream("s", 1, null, null);
            String it = iterator(engine, "s", "shardId-000000000000", ShardIteratorType.LATEST, null);
            var waiting = engine.awaitRecords(it);
            engine.splitShard(StreamRef.named("s"), "shardId-000000000000", "1000");
            assertThat(waiting).isCompleted();
            assertThat(engine.getRecords(it, null).nextShardIterator()).isNull();
        }
    }
}
