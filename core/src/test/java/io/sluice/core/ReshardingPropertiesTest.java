package io.sluice.core;

import static io.sluice.core.EngineFixture.bytes;
import static io.sluice.core.EngineFixture.drain;
import static io.sluice.core.EngineFixture.iterator;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordResult;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.testing.Seeded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of writes, splits and merges: every acknowledged record is read back exactly once, from
 * the shard and at the sequence number the put returned; AT_SEQUENCE_NUMBER / AFTER_SEQUENCE_NUMBER iterators
 * position exactly on it; per-key order holds along the lineage.
 */
class ReshardingPropertiesTest {

    private static final StreamRef S = StreamRef.named("s");

    /** A stream's initial shard count and the seed of its random writes, splits and merges. */
    record Scenario(int initialShards, long seed) {
    }

    /** Each initial shard count from 1 to 4 with 7 seeded random scenarios: 28 runs. */
    @Test
    void recordsSurviveAnySequenceOfSplitsAndMerges() {
        Random seeds = new Random(0x2E5A_0001L);
        List<Scenario> scenarios = new ArrayList<>();
        for (int initialShards = 1; initialShards <= 4; initialShards++) {
            for (int i = 0; i < 7; i++) {
                scenarios.add(new Scenario(initialShards, seeds.nextLong()));
            }
        }
        Seeded.exhaustively(scenarios, scenario -> {
            try {
                Path dir = Files.createTempDirectory("resharding-prop");
                try {
                    run(dir, scenario.initialShards(), new Random(scenario.seed()));
                } finally {
                    try (var paths = Files.walk(dir)) {
                        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void run(Path dir, int initialShards, Random random) {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = fx.open()) {
            engine.createStream("s", initialShards, null, null);
            Map<String, PutRecordResult> acked = new HashMap<>();
            for (int step = 0; step < 12; step++) {
                for (int i = 0; i < 5; i++) {
                    String data = "r" + step + "-" + i;
                    String key = "key" + random.nextInt(6);
                    acked.put(data, engine.putRecord(new PutRecordRequest(S, key, bytes(key + "|" + data), null, null)));
                    fx.clock.advanceMillis(random.nextInt(3));
                }
                List<ShardInfo> open = engine.describeStream(S, 10_000, null).shards().stream()
                        .filter(s -> s.endingSequenceNumber() == null)
                        .sorted(Comparator.comparing(s -> new BigInteger(s.startingHashKey())))
                        .toList();
                if (random.nextBoolean() || open.size() == 1) {
                    ShardInfo victim = open.get(random.nextInt(open.size()));
                    BigInteger lo = new BigInteger(victim.startingHashKey());
                    BigInteger hi = new BigInteger(victim.endingHashKey());
                    BigInteger key = lo.add(hi.subtract(lo).multiply(BigInteger.valueOf(1 + random.nextInt(98)))
                            .divide(BigInteger.valueOf(100)));
                    if (key.compareTo(lo.add(BigInteger.ONE)) > 0 && key.compareTo(hi) < 0) {
                        engine.splitShard(S, victim.shardId(), key.toString());
                    }
                } else {
                    int i = random.nextInt(open.size() - 1);
                    engine.mergeShards(S, open.get(i).shardId(), open.get(i + 1).shardId());
                }
            }
            Map<String, String> lastSeqOfKey = new HashMap<>();
            int read = 0;
            for (ShardInfo shard : engine.describeStream(S, 10_000, null).shards()) {
                for (StreamRecord r : drain(engine, iterator(engine, "s", shard.shardId(), ShardIteratorType.TRIM_HORIZON, null))) {
                    String[] parts = new String(r.data(), StandardCharsets.UTF_8).split("\\|");
                    PutRecordResult ack = acked.get(parts[1]);
                    assertThat(ack.shardId()).isEqualTo(shard.shardId());
                    assertThat(r.sequenceNumber()).isEqualTo(ack.sequenceNumber());
                    String prev = lastSeqOfKey.put(parts[0], r.sequenceNumber());
                    if (prev != null) {
                        assertThat(new BigInteger(r.sequenceNumber())).isGreaterThan(new BigInteger(prev));
                    }
                    List<StreamRecord> at = engine.getRecords(iterator(engine, "s", shard.shardId(),
                            ShardIteratorType.AT_SEQUENCE_NUMBER, r.sequenceNumber()), 1).records();
                    assertThat(at).extracting(StreamRecord::sequenceNumber).containsExactly(r.sequenceNumber());
                    read++;
                }
            }
            assertThat(read).isEqualTo(acked.size());
            List<String> everySeq = new ArrayList<>();
            acked.values().forEach(a -> everySeq.add(a.sequenceNumber()));
            assertThat(everySeq).doesNotHaveDuplicates();
        }
    }
}
