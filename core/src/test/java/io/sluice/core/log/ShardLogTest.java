package io.sluice.core.log;

import static io.sluice.core.log.LogFixtures.dataFor;
import static io.sluice.core.log.LogFixtures.entries;
import static io.sluice.core.log.LogFixtures.readAll;
import static io.sluice.core.log.LogFixtures.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardLogTest {

    @TempDir
    Path dir;

    private final List<LogRuntime> runtimes = new ArrayList<>();

    private LogRuntime runtime(LogConfig config) {
        LogRuntime r = new LogRuntime(config);
        runtimes.add(r);
        return r;
    }

    @AfterEach
    void closeRuntimes() {
        runtimes.forEach(LogRuntime::close);
    }

    private static void assertRecordsAreTheFixtures(List<LogRecord> records, long from, long to, int size) {
        assertThat(records).extracting(LogRecord::offset)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(from, to).boxed().toList());
        for (LogRecord r : records) {
            assertThat(r.data()).as("data of offset %d", r.offset()).isEqualTo(dataFor(r.offset(), size));
            assertThat(r.partitionKey()).isEqualTo(LogFixtures.keyFor(r.offset()));
        }
    }

    @Test
    void aNewLogIsEmptyAtOffsetZero() throws Exception {
        try (ShardLog log = ShardLog.open(dir.resolve("shard"), runtime(smallConfig()))) {
            assertThat(log.startOffset()).isZero();
            assertThat(log.endOffset()).isZero();
            assertThat(log.newestTimestampMs()).isEmpty();
            assertThat(log.read(0, 10, 1000).records()).isEmpty();
            assertThat(log.read(0, 10, 1000).nextOffset()).isZero();
            assertThat(log.offsetForTimestamp(0)).isZero();
            assertThat(dir.resolve("shard").resolve("00000000000000000000.log")).exists();
        }
    }

    @Test
    void appendReturnsConsecutiveOffsetsFromZero() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            assertThat(log.append(entries(0, 3, 10))).isZero();
            assertThat(log.append(entries(3, 1, 10))).isEqualTo(3);
            assertThat(log.append(entries(4, 5, 10))).isEqualTo(4);
            assertThat(log.endOffset()).isEqualTo(9);
            assertRecordsAreTheFixtures(readAll(log), 0, 9, 10);
        }
    }

    @Test
    void rejectsAnEmptyAppend() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            assertThatThrownBy(() -> log.append(List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThat(log.endOffset()).isZero();
        }
    }

    @Test
    void appendsAndReadsAcrossSegmentRolls() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            for (int i = 0; i < 100; i++) {
                log.append(entries(i * 5L, 5, 100));
            }
            assertThat(log.segmentCount()).as("4 KiB segments hold 6 batches of ~660 bytes").isGreaterThan(10);
            assertThat(log.segmentBaseOffsets()).first().isEqualTo(0L);
            assertRecordsAreTheFixtures(readAll(log), 0, 500, 100);
            for (long from : new long[] {0, 1, 29, 30, 31, 251, 499}) {
                LogReadResult r = log.read(from, 3, Long.MAX_VALUE);
                assertThat(r.records()).extracting(LogRecord::offset).as("from %d", from)
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(from, Math.min(from + 3, 500)).boxed().toList());
            }
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList())
                .first().isEqualTo("00000000000000000000.log");
    }

    @Test
    void aBatchLargerThanASegmentGetsASegmentOfItsOwn() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            log.append(entries(0, 1, 10));
            log.append(entries(1, 10, 1000));
            log.append(entries(11, 1, 10));
            assertThat(log.segmentBaseOffsets()).containsExactly(0L, 1L, 11L);
            assertThat(readAll(log)).hasSize(12);
        }
    }

    @Test
    void readsAndRecoversBatchesLargerThanHalfAReadChunk() throws Exception {
        int size = LogSegment.READ_CHUNK / 2 / 10; // batches of ~10 records just over half a chunk
        LogConfig config = LogConfig.defaults().withIndexIntervalBytes(4096).withMaxOpenFiles(4);
        LogRuntime crashed = runtime(config);
        ShardLog log = ShardLog.open(dir, crashed);
        for (int i = 0; i < 5; i++) {
            log.append(entries(i * 10L, 10, size));
        }
        assertRecordsAreTheFixtures(log.read(0, 1000, Long.MAX_VALUE).records(), 0, 50, size);
        assertRecordsAreTheFixtures(readAll(log), 0, 50, size);
        assertRecordsAreTheFixtures(log.read(25, 1000, Long.MAX_VALUE).records(), 25, 50, size);
        crashed.close();
        try (ShardLog reopened = ShardLog.open(dir, runtime(config))) {
            assertThat(reopened.recovery()).isEqualTo(new RecoveryReport(false, 1, 1, 50, 0, 1, List.of()));
            assertRecordsAreTheFixtures(reopened.read(0, 1000, Long.MAX_VALUE).records(), 0, 50, size);
        }
    }

    @Test
    void readHonoursMaxRecordsAndMaxBytes() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            log.append(entries(0, 20, 50));
            LogReadResult r = log.read(0, 7, Long.MAX_VALUE);
            assertThat(r.records()).hasSize(7);
            assertThat(r.nextOffset()).isEqualTo(7);
            long perRecord = LogFixtures.recordBytes(0, 50); // "key-0" + 50 = 55
            r = log.read(0, 100, 3 * perRecord + 2 * 1);
            assertThat(r.records()).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(r.bytes()).isEqualTo(3 * perRecord);
            r = log.read(15, 100, Long.MAX_VALUE);
            assertThat(r.records()).extracting(LogRecord::offset).containsExactly(15L, 16L, 17L, 18L, 19L);
            assertThat(r.nextOffset()).isEqualTo(20);
        }
    }

    @Test
    void readReturnsOneRecordEvenIfItAloneExceedsMaxBytes() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            log.append(entries(0, 3, 500));
            LogReadResult r = log.read(1, 100, 10);
            assertThat(r.records()).extracting(LogRecord::offset).containsExactly(1L);
            assertThat(r.nextOffset()).isEqualTo(2);
        }
    }

    @Test
    void readAtOrPastTheEndReturnsNothingAndTheSamePosition() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            log.append(entries(0, 3, 5));
            assertThat(log.read(3, 10, 100).records()).isEmpty();
            assertThat(log.read(3, 10, 100).nextOffset()).isEqualTo(3);
            assertThat(log.read(50, 10, 100).nextOffset()).isEqualTo(50);
        }
    }

    @Test
    void timestampsAreClampedToNeverDecrease() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            log.append(List.of(new LogEntry(100, "a", new byte[1]), new LogEntry(90, "b", new byte[1])));
            log.append(List.of(new LogEntry(50, "c", new byte[1]), new LogEntry(120, "d", new byte[1])));
            assertThat(readAll(log)).extracting(LogRecord::timestampMs).containsExactly(100L, 100L, 100L, 120L);
            assertThat(log.newestTimestampMs()).isEqualTo(OptionalLong.of(120));
        }
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfterIt() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            // timestamp of offset o is 1000 + 10 * (o / 3): three records per 10 ms, across many segments
            for (long o = 0; o < 600; o += 6) {
                List<LogEntry> batch = new ArrayList<>();
                for (long k = o; k < o + 6; k++) {
                    batch.add(new LogEntry(1000 + 10 * (k / 3), "k", dataFor(k, 40)));
                }
                log.append(batch);
            }
            assertThat(log.segmentCount()).isGreaterThan(5);
            assertThat(log.offsetForTimestamp(0)).isZero();
            assertThat(log.offsetForTimestamp(1000)).isZero();
            assertThat(log.offsetForTimestamp(1001)).isEqualTo(3);
            assertThat(log.offsetForTimestamp(1010)).isEqualTo(3);
            assertThat(log.offsetForTimestamp(1500)).isEqualTo(150);
            assertThat(log.offsetForTimestamp(1995)).isEqualTo(300);
            assertThat(log.offsetForTimestamp(2985)).isEqualTo(597);
            assertThat(log.offsetForTimestamp(2990)).isEqualTo(597);
            assertThat(log.offsetForTimestamp(2991)).as("after the newest record").isEqualTo(600);
            for (long o = 0; o < 600; o += 7) {
                long ts = 1000 + 10 * (o / 3);
                assertThat(log.offsetForTimestamp(ts)).as("timestamp %d", ts).isEqualTo(o / 3 * 3);
            }
        }
    }

    @Test
    void reopeningContinuesAtTheSameOffsetsWithByteIdenticalRecords() throws Exception {
        LogRuntime runtime = runtime(smallConfig());
        try (ShardLog log = ShardLog.open(dir, runtime)) {
            for (int i = 0; i < 40; i++) {
                log.append(entries(i * 5L, 5, 100));
            }
        }
        try (ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery().cleanShutdown()).isTrue();
            assertThat(log.recovery().segmentsScanned()).isZero();
            assertThat(log.recovery().records()).isEqualTo(200);
            assertThat(log.endOffset()).isEqualTo(200);
            assertThat(log.append(entries(200, 5, 100))).isEqualTo(200);
            assertRecordsAreTheFixtures(readAll(log), 0, 205, 100);
            assertThat(log.offsetForTimestamp(150)).isEqualTo(150);
        }
        assertThat(dir.resolve(LogFileNames.CLEAN_SHUTDOWN_FILE)).exists();
    }

    @Test
    void reopeningAfterAnUncleanStopRebuildsTheActiveSegmentIndexes() throws Exception {
        LogRuntime crashed = runtime(smallConfig());
        ShardLog log = ShardLog.open(dir, crashed);
        for (int i = 0; i < 40; i++) {
            log.append(entries(i * 5L, 5, 100));
        }
        int segments = log.segmentCount();
        crashed.close(); // the log itself is never closed: no clean-shutdown marker, no active index files
        try (ShardLog reopened = ShardLog.open(dir, runtime(smallConfig()))) {
            RecoveryReport report = reopened.recovery();
            assertThat(report).isEqualTo(new RecoveryReport(false, segments, 1, 200, 0, 1, List.of()));
            assertRecordsAreTheFixtures(readAll(reopened), 0, 200, 100);
        }
    }

    @Test
    void retentionDeletesWholeExpiredSegmentsAndNeverReturnsExpiredRecords() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            for (int i = 0; i < 40; i++) {
                log.append(entries(i * 5L, 5, 100)); // timestamp == offset
            }
            List<Long> bases = log.segmentBaseOffsets();
            long cutoff = bases.get(3) + 2; // inside the fourth segment
            int deleted = log.deleteSegmentsOlderThan(cutoff);
            assertThat(deleted).isEqualTo(3);
            assertThat(log.segmentBaseOffsets()).first().isEqualTo(bases.get(3));
            assertThat(log.startOffset()).isEqualTo(cutoff);
            assertThat(log.read(0, 1, Long.MAX_VALUE).records()).extracting(LogRecord::offset).containsExactly(cutoff);
            assertThat(log.read(bases.get(3), 1, Long.MAX_VALUE).records()).extracting(LogRecord::offset)
                    .as("an expired record inside a kept segment").containsExactly(cutoff);
            assertThat(log.offsetForTimestamp(0)).isEqualTo(cutoff);
            assertThat(LogFileNames.logFile(dir, bases.get(0))).doesNotExist();
            assertThat(LogFileNames.offsetIndexFile(dir, bases.get(0))).doesNotExist();
        }
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            assertThat(log.startOffset()).as("the logical start survives a restart").isEqualTo(bases(log).get(0) + 2);
            assertThat(readAll(log)).first().extracting(LogRecord::offset).isEqualTo(log.startOffset());
        }
    }

    private static List<Long> bases(ShardLog log) {
        return log.segmentBaseOffsets();
    }

    @Test
    void retentionOfEverythingKeepsTheOffsetsGoingAcrossRestarts() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            for (int i = 0; i < 20; i++) {
                log.append(entries(i * 5L, 5, 100));
            }
            int segments = log.segmentCount();
            assertThat(log.deleteSegmentsOlderThan(1_000_000)).isEqualTo(segments);
            assertThat(log.startOffset()).isEqualTo(100);
            assertThat(log.endOffset()).isEqualTo(100);
            assertThat(log.segmentBaseOffsets()).containsExactly(100L);
            assertThat(log.newestTimestampMs()).isEmpty();
            assertThat(log.read(0, 10, 1000).records()).isEmpty();
            assertThat(log.read(0, 10, 1000).nextOffset()).isEqualTo(100);
        }
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            assertThat(log.startOffset()).isEqualTo(100);
            assertThat(log.endOffset()).isEqualTo(100);
            assertThat(log.append(entries(100, 1, 10))).isEqualTo(100);
        }
    }

    @Test
    void retentionNeverMovesTheStartBackwards() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig()))) {
            log.append(entries(0, 10, 10));
            assertThat(log.deleteSegmentsOlderThan(5)).isZero();
            assertThat(log.startOffset()).isEqualTo(5);
            log.deleteSegmentsOlderThan(2);
            assertThat(log.startOffset()).isEqualTo(5);
        }
    }

    @Test
    void manyLogsShareARuntimeWithFourOpenFiles() throws Exception {
        LogRuntime runtime = runtime(smallConfig().withMaxOpenFiles(4));
        List<ShardLog> logs = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            logs.add(ShardLog.open(dir.resolve("shard-" + s), runtime));
        }
        for (int round = 0; round < 10; round++) {
            for (int s = 0; s < logs.size(); s++) {
                logs.get(s).append(entries(round * 3L, 3, 200 + s));
                assertThat(runtime.openFiles()).isLessThanOrEqualTo(4);
            }
        }
        for (int s = 0; s < logs.size(); s++) {
            assertRecordsAreTheFixtures(readAll(logs.get(s)), 0, 30, 200 + s);
            assertThat(runtime.openFiles()).isLessThanOrEqualTo(4);
        }
        for (ShardLog log : logs) {
            log.close();
        }
        assertThat(runtime.openFiles()).isZero();
    }

    @Test
    void intervalPolicyRegistersWrittenLogsWithTheSharedFlusher() throws Exception {
        LogRuntime runtime = runtime(smallConfig().withFsyncInterval(Duration.ofMillis(20)));
        try (ShardLog log = ShardLog.open(dir, runtime)) {
            log.append(entries(0, 3, 10));
            runtime.flushDirty();
            assertThat(runtime.flushPeriod()).isEqualTo(Duration.ofMillis(20));
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("sluice-log-flusher")))
                    .as("one flusher thread per runtime, none per log").hasSizeLessThanOrEqualTo(runtimes.size());
            assertRecordsAreTheFixtures(readAll(log), 0, 3, 10);
        }
    }

    @Test
    void intervalPolicySealsRolledSegmentsOnTheFlusherAndACleanReopenTrustsThem() throws Exception {
        LogConfig config = smallConfig().withFsyncInterval(Duration.ofHours(1)); // no periodic pass during the test
        try (ShardLog log = ShardLog.open(dir, runtime(config))) {
            for (int i = 0; i < 20; i++) {
                log.append(entries(i * 5L, 5, 100));
            }
            assertThat(log.segmentCount()).isGreaterThan(2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(LogFileNames.offsetIndexFile(dir, 0)).as("sealed by the flusher thread").exists());
        }
        try (ShardLog log = ShardLog.open(dir, runtime(config))) {
            RecoveryReport report = log.recovery();
            assertThat(report).isEqualTo(new RecoveryReport(true, log.segmentCount(), 0, 100, 0, 0, List.of()));
            assertRecordsAreTheFixtures(readAll(log), 0, 100, 100);
        }
    }

    @Test
    void concurrentAppendersGetDisjointConsecutiveOffsetsAndReadersSeeOnlyWholeBatches() throws Exception {
        try (ShardLog log = ShardLog.open(dir, runtime(smallConfig().withSegmentBytes(64 * 1024)))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            AtomicBoolean done = new AtomicBoolean();
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            // every batch carries its writer and size in each record, so a reader can check wholeness
                            int n = 1 + (i % 7);
                            List<LogEntry> batch = new ArrayList<>();
                            for (int k = 0; k < n; k++) {
                                batch.add(new LogEntry(i, writer + ":" + i + ":" + k + "/" + n, new byte[30]));
                            }
                            log.append(batch);
                        }
                        return null;
                    }));
                }
                Future<Integer> reader = pool.submit(() -> {
                    int checks = 0;
                    while (!done.get() || checks == 0) {
                        long end = log.endOffset();
                        List<LogRecord> seen = readAll(log);
                        assertThat(seen.size()).isGreaterThanOrEqualTo((int) end);
                        if (!seen.isEmpty()) {
                            String lastKey = seen.get(seen.size() - 1).partitionKey();
                            String[] parts = lastKey.split("[:/]");
                            assertThat(Integer.parseInt(parts[2])).as("last visible record closes its batch: %s", lastKey)
                                    .isEqualTo(Integer.parseInt(parts[3]) - 1);
                        }
                        checks++;
                    }
                    return checks;
                });
                for (Future<?> f : writers) {
                    f.get(60, TimeUnit.SECONDS);
                }
                done.set(true);
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            } finally {
                pool.shutdownNow();
            }
            List<LogRecord> all = readAll(log);
            assertThat(all).hasSize(3 * (200 / 7 * 28 + (1 + 2 + 3 + 4)));
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).offset()).isEqualTo(i);
            }
        }
    }

    @Test
    void deleteAllRemovesTheDirectoryAndClosesTheLog() throws Exception {
        Path shard = dir.resolve("stream").resolve("shard");
        LogRuntime runtime = runtime(smallConfig());
        ShardLog log = ShardLog.open(shard, runtime);
        for (int i = 0; i < 20; i++) {
            log.append(entries(i * 5L, 5, 100));
        }
        log.deleteAll();
        assertThat(shard).doesNotExist();
        assertThat(runtime.openFiles()).isZero();
        assertThatThrownBy(() -> log.append(entries(0, 1, 1))).hasMessageContaining("closed");
        assertThatThrownBy(() -> log.read(0, 1, 1)).hasMessageContaining("closed");
        log.close();
    }
}
