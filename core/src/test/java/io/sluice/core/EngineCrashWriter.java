package io.sluice.core;

import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.PutRecordsResultEntry;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.log.FsyncPolicy;
import io.sluice.core.log.LogConfig;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process of {@link EngineCrashIT}: appends PutRecords batches to stream {@code crash} through the engine
 * with {@code fsync=always}, splitting shards now and then, and prints one {@code ACK <id> <shardId> <seq> <key>
 * END} line per acknowledged record, until it is killed.
 */
public final class EngineCrashWriter {

    static final String STREAM = "crash";

    private EngineCrashWriter() {
    }

    static EngineConfig config(Path dir) {
        return EngineConfig.defaults(dir).withLimits(ThroughputLimits.OFF).withMaintenanceInterval(Duration.ZERO)
                .withLog(LogConfig.defaults().withFsync(FsyncPolicy.always()).withSegmentBytes(64 * 1024));
    }

    /** The payload of record {@code id}: deterministic, a few hundred bytes. */
    static byte[] payload(String id) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[100 + (digest[0] & 0xff)];
        for (int i = 0; i < out.length; i++) {
            out[i] = digest[i % digest.length];
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        String cycle = args[2];
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        StreamRef ref = StreamRef.named(STREAM);
        try (StreamEngine engine = StreamEngine.open(config(dir))) {
            try {
                engine.describeStreamSummary(ref);
            } catch (ResourceNotFoundException e) {
                engine.createStream(STREAM, 2, null, null);
            }
            out.println("OPEN");
            out.flush();
            for (int batch = 0; ; batch++) {
                List<PutRecordsEntry> entries = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                int n = 1 + random.nextInt(20);
                for (int i = 0; i < n; i++) {
                    String id = "c" + cycle + "-" + batch + "-" + i;
                    ids.add(id);
                    entries.add(new PutRecordsEntry("k" + random.nextInt(8), payload(id), null));
                }
                PutRecordsResult result = engine.putRecords(ref, entries);
                for (int i = 0; i < n; i++) {
                    PutRecordsResultEntry r = result.records().get(i);
                    out.println("ACK " + ids.get(i) + " " + r.shardId() + " " + r.sequenceNumber() + " "
                            + entries.get(i).partitionKey() + " END");
                }
                out.flush();
                if (batch % 7 == 6) {
                    List<ShardInfo> open = engine.describeStream(ref, 10_000, null).shards().stream()
                            .filter(s -> s.endingSequenceNumber() == null).toList();
                    if (open.size() < 12) {
                        ShardInfo victim = open.get(random.nextInt(open.size()));
                        BigInteger lo = new BigInteger(victim.startingHashKey());
                        BigInteger hi = new BigInteger(victim.endingHashKey());
                        engine.splitShard(ref, victim.shardId(), lo.add(hi).shiftRight(1).toString());
                    }
                }
            }
        }
    }
}
