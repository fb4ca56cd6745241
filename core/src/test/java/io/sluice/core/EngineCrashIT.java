package io.sluice.core;

import static io.sluice.core.testing.ChildJvm.EOF;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.api.GetShardIteratorRequest;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.testing.ChildJvm;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that writes through the whole engine (PutRecords with fsync=always, plus splits) with SIGKILL
 * at random moments, repeatedly; after each kill the engine reopens the data directory and must serve every
 * acknowledged record byte-identical, in the shard and at the sequence number it was acknowledged with, with
 * per-key order along shard lineage, and must keep sequence numbers increasing.
 */
class EngineCrashIT {

    private static final int CYCLES = 10;

    @TempDir
    Path tmp;

    private final List<ChildJvm> started = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (ChildJvm child : started) {
            child.stop();
        }
    }

    private record Ack(String id, String shardId, String seq, String key) {
    }

    @Test
    void acknowledgedRecordsAndShardLayoutSurviveSigkill() throws Exception {
        Path dir = tmp.resolve("data");
        Random random = new Random(20261125L);
        Map<String, Ack> acked = new HashMap<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            ChildJvm child = start(dir, random.nextLong(), cycle);
            assertThat(child.poll(120, TimeUnit.SECONDS)).as("cycle %d: child opened the engine", cycle).isEqualTo("OPEN");
            int acksBeforeKill = 1 + random.nextInt(300);
            List<String> got = new ArrayList<>();
            while (got.size() < acksBeforeKill) {
                String line = child.poll(120, TimeUnit.SECONDS);
                assertThat(line).as("cycle %d: child keeps acknowledging", cycle).isNotNull().isNotEqualTo(EOF);
                got.add(line);
            }
            child.sigkill();
            assertThat(child.awaitExit(30, TimeUnit.SECONDS)).isTrue();
            for (String line = child.poll(30, TimeUnit.SECONDS); !EOF.equals(line); line = child.poll(30, TimeUnit.SECONDS)) {
                assertThat(line).isNotNull();
                got.add(line);
            }
            for (String line : got) {
                String[] p = line.split(" ");
                acked.put(p[1], new Ack(p[1], p[2], p[3], p[4]));
            }
            verify(dir, acked, cycle);
        }
        assertThat(acked.size()).as("the test acknowledged a meaningful number of records").isGreaterThan(CYCLES);
    }

    private void verify(Path dir, Map<String, Ack> acked, int cycle) throws Exception {
        try (StreamEngine engine = StreamEngine.open(EngineCrashWriter.config(dir))) {
            StreamRef ref = StreamRef.named(EngineCrashWriter.STREAM);
            Map<String, StreamRecord> byId = new HashMap<>();
            Map<String, String> shardOf = new HashMap<>();
            Map<String, BigInteger> lastSeqOfKey = new HashMap<>();
            Map<String, BigInteger> lastSeqOfShard = new HashMap<>();
            Map<String, String> idBySeq = new HashMap<>();
            acked.values().forEach(a -> idBySeq.put(a.seq(), a.id()));
            for (ShardInfo shard : engine.describeStream(ref, 10_000, null).shards()) {
                String it = engine.getShardIterator(new GetShardIteratorRequest(ref, shard.shardId(),
                        ShardIteratorType.TRIM_HORIZON, null, null));
                for (StreamRecord r : EngineFixture.drain(engine, it)) {
                    String id = idBySeq.get(r.sequenceNumber()); // null for the parent's probes
                    BigInteger seq = new BigInteger(r.sequenceNumber());
                    BigInteger prevKey = lastSeqOfKey.put(r.partitionKey(), seq);
                    if (prevKey != null) {
                        assertThat(seq).as("cycle %d: per-key order along the lineage", cycle).isGreaterThan(prevKey);
                    }
                    lastSeqOfShard.put(shard.shardId(), seq);
                    if (id != null) {
                        byId.put(id, r);
                        shardOf.put(id, shard.shardId());
                    }
                }
            }
            for (Ack ack : acked.values()) {
                StreamRecord r = byId.get(ack.id());
                assertThat(r).as("cycle %d: acknowledged record %s is readable", cycle, ack.id()).isNotNull();
                assertThat(r.sequenceNumber()).isEqualTo(ack.seq());
                assertThat(shardOf.get(ack.id())).isEqualTo(ack.shardId());
                assertThat(r.partitionKey()).isEqualTo(ack.key());
                assertThat(r.data()).isEqualTo(EngineCrashWriter.payload(ack.id()));
            }
            var put = engine.putRecord(new PutRecordRequest(ref, "probe-" + cycle, new byte[] {1}, null, null));
            BigInteger before = lastSeqOfShard.get(put.shardId());
            if (before != null) {
                assertThat(new BigInteger(put.sequenceNumber())).as("cycle %d: sequence numbers keep increasing", cycle)
                        .isGreaterThan(before);
            }
        }
    }

    private ChildJvm start(Path dir, long seed, int cycle) throws IOException {
        ChildJvm child = ChildJvm.start(EngineCrashWriter.class, List.of(dir.toString(), Long.toString(seed),
                Integer.toString(cycle)), tmp.resolve("child-" + cycle + ".err"), EngineCrashIT::isCompleteLine);
        started.add(child);
        return child;
    }

    /** An ack cut by the kill lacks its END marker. */
    private static boolean isCompleteLine(String line) {
        return line.equals("OPEN") || line.matches("ACK \\S+ shardId-\\d{12} \\d{45} k\\d END");
    }
}
