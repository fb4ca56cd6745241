package io.sluice.core;

import io.sluice.core.api.GetRecordsResult;
import io.sluice.core.api.GetShardIteratorRequest;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordResult;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.log.FsyncPolicy;
import io.sluice.core.log.LogConfig;
import io.sluice.core.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Opens engines on a temp dir with a hand-moved clock; helpers to put and drain records. */
public final class EngineFixture {

    /** 2026-01-01T00:00:00Z. */
    public static final long START_MS = 1_767_225_600_000L;
    public static final String ACCOUNT = "123456789012";

    public final TestClock clock = TestClock.stoppedAt(START_MS);
    public final Path dir;

    public EngineFixture(Path dir) {
        this.dir = dir;
    }

    /** Limits off, no background maintenance, fsync interval (tests do not need power-loss durability). */
    public EngineConfig config() {
        return EngineConfig.defaults(dir).withClock(clock).withAccountId(ACCOUNT).withRegion("eu-west-1")
                .withLimits(ThroughputLimits.OFF).withMaintenanceInterval(Duration.ZERO)
                .withLog(LogConfig.defaults().withFsync(FsyncPolicy.interval(Duration.ofMillis(200))));
    }

    public StreamEngine open() {
        return open(config());
    }

    public StreamEngine open(EngineConfig config) {
        try {
            return StreamEngine.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(StreamRecord r) {
        return new String(r.data(), StandardCharsets.UTF_8);
    }

    public static PutRecordResult put(StreamEngine engine, String stream, String key, String data) {
        return engine.putRecord(new PutRecordRequest(StreamRef.named(stream), key, bytes(data), null, null));
    }

    public static String iterator(StreamEngine engine, String stream, String shardId, ShardIteratorType type, String seq) {
        return engine.getShardIterator(new GetShardIteratorRequest(StreamRef.named(stream), shardId, type, seq, null));
    }

    /** Reads a shard from an iterator until no more records come (or the shard ends); returns the records. */
    public static List<StreamRecord> drain(StreamEngine engine, String iterator) {
        List<StreamRecord> all = new ArrayList<>();
        String it = iterator;
        while (it != null) {
            GetRecordsResult r = engine.getRecords(it, null);
            all.addAll(r.records());
            if (r.records().isEmpty()) {
                break;
            }
            it = r.nextShardIterator();
        }
        return all;
    }

    public static List<String> texts(List<StreamRecord> records) {
        return records.stream().map(EngineFixture::text).toList();
    }
}
