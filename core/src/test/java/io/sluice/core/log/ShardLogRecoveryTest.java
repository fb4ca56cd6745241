package io.sluice.core.log;

import static io.sluice.core.log.LogFixtures.dataFor;
import static io.sluice.core.log.LogFixtures.entries;
import static io.sluice.core.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files on purpose, then checks exactly what {@link ShardLog#open} repaired and what it still serves. */
class ShardLogRecoveryTest {

    private static final int RECORDS_PER_BATCH = 4;
    private static final int DATA_SIZE = 100;

    @TempDir
    Path dir;

    private static LogConfig oneSegment() {
        return LogConfig.defaults().withIndexIntervalBytes(256).withMaxOpenFiles(8);
    }

    private static LogConfig smallSegments() {
        return LogConfig.defaults().withSegmentBytes(2048).withIndexIntervalBytes(256).withMaxOpenFiles(8);
    }

    /** Appends {@code batches} batches and stops uncleanly; returns the end position of each batch in its file. */
    private List<Long> appendThenCrash(LogConfig config, int batches) throws Exception {
        List<Long> ends = new ArrayList<>();
        LogRuntime runtime = new LogRuntime(config);
        ShardLog log = ShardLog.open(dir, runtime);
        for (int i = 0; i < batches; i++) {
            log.append(entries((long) i * RECORDS_PER_BATCH, RECORDS_PER_BATCH, DATA_SIZE));
            LogSegment active = activeSegment(log);
            ends.add((long) active.size());
        }
        runtime.close(); // without closing the log: no clean-shutdown marker
        return ends;
    }

    private List<Long> appendThenCloseCleanly(LogConfig config, int batches) throws Exception {
        List<Long> ends = new ArrayList<>();
        try (LogRuntime runtime = new LogRuntime(config); ShardLog log = ShardLog.open(dir, runtime)) {
            for (int i = 0; i < batches; i++) {
                log.append(entries((long) i * RECORDS_PER_BATCH, RECORDS_PER_BATCH, DATA_SIZE));
                ends.add((long) activeSegment(log).size());
            }
        }
        return ends;
    }

    private static LogSegment activeSegment(ShardLog log) {
        List<Long> bases = log.segmentBaseOffsets();
        return segmentOf(log, bases.get(bases.size() - 1));
    }

    private static LogSegment segmentOf(ShardLog log, long base) {
        try {
            java.lang.reflect.Field f = ShardLog.class.getDeclaredField("segments");
            f.setAccessible(true);
            return ((java.util.NavigableMap<?, ?>) f.get(log)).entrySet().stream()
                    .filter(e -> e.getKey().equals(base)).map(e -> (LogSegment) e.getValue()).findFirst().orElseThrow();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void truncate(Path file, long size) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void overwrite(Path file, long position, byte[] bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), position);
        }
    }

    private static void assertIntact(List<LogRecord> records, List<Long> expectedOffsets) {
        assertThat(records).extracting(LogRecord::offset).containsExactlyElementsOf(expectedOffsets);
        for (LogRecord r : records) {
            assertThat(r.data()).as("data of offset %d", r.offset()).isEqualTo(dataFor(r.offset(), DATA_SIZE));
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void aTornLastBatchIsTruncatedAndItsRecordsAreNeverReturned() throws Exception {
        List<Long> ends = appendThenCrash(oneSegment(), 6);
        Path file = LogFileNames.logFile(dir, 0);
        long cut = ends.get(4) + 50; // 50 bytes of the sixth batch reached the disk
        truncate(file, cut);
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery()).isEqualTo(new RecoveryReport(false, 1, 1, 20, 50, 1, List.of(
                    "00000000000000000000.log: torn batch at position " + ends.get(4) + " (" + (ends.get(5) - ends.get(4))
                            + " bytes, 50 on disk), truncated 50 bytes")));
            assertThat(Files.size(file)).isEqualTo(ends.get(4));
            assertThat(log.endOffset()).isEqualTo(20);
            assertIntact(readAll(log), range(0, 20));
            assertThat(log.append(entries(20, RECORDS_PER_BATCH, DATA_SIZE))).as("the lost offsets are reused").isEqualTo(20);
            assertIntact(readAll(log), range(0, 24));
        }
    }

    @Test
    void aTornBatchHeaderIsTruncated() throws Exception {
        List<Long> ends = appendThenCrash(oneSegment(), 3);
        truncate(LogFileNames.logFile(dir, 0), ends.get(1) + 10);
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery()).isEqualTo(new RecoveryReport(false, 1, 1, 8, 10, 1, List.of(
                    "00000000000000000000.log: torn batch header at position " + ends.get(1) + ", truncated 10 bytes")));
            assertIntact(readAll(log), range(0, 8));
        }
    }

    @Test
    void zerosAfterTheLastBatchAreTruncated() throws Exception {
        List<Long> ends = appendThenCrash(oneSegment(), 3);
        overwrite(LogFileNames.logFile(dir, 0), ends.get(2), new byte[4096]); // a preallocated or zero-filled tail
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery().truncatedBytes()).isEqualTo(4096);
            assertThat(log.recovery().records()).isEqualTo(12);
            assertThat(log.recovery().problems()).containsExactly("00000000000000000000.log: no valid batch header at position "
                    + ends.get(2) + ", truncated 4096 bytes");
            assertIntact(readAll(log), range(0, 12));
        }
    }

    @Test
    void aBadChecksumMidFileTruncatesFromThatBatchOn() throws Exception {
        List<Long> ends = appendThenCrash(oneSegment(), 6);
        Path file = LogFileNames.logFile(dir, 0);
        long size = Files.size(file);
        overwrite(file, ends.get(2) + RecordBatch.HEADER_SIZE + 30, new byte[] {0x55}); // inside the data of batch 4
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery()).isEqualTo(new RecoveryReport(false, 1, 1, 12, size - ends.get(2), 1, List.of(
                    "00000000000000000000.log: checksum mismatch in the batch at position " + ends.get(2) + " (offset 12), truncated "
                            + (size - ends.get(2)) + " bytes")));
            assertIntact(readAll(log), range(0, 12));
        }
    }

    @Test
    void garbageInASealedIndexIsDetectedAndTheIndexRebuilt() throws Exception {
        appendThenCloseCleanly(smallSegments(), 12);
        Path index = LogFileNames.offsetIndexFile(dir, 0);
        assertThat(Files.size(index)).as("the sealed first segment has index entries").isPositive();
        Files.write(index, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        int segments;
        try (LogRuntime runtime = new LogRuntime(smallSegments()); ShardLog log = ShardLog.open(dir, runtime)) {
            segments = log.segmentCount();
            RecoveryReport report = log.recovery();
            assertThat(report.cleanShutdown()).isTrue();
            assertThat(report.segmentsScanned()).isEqualTo(1);
            assertThat(report.indexesRebuilt()).isEqualTo(1);
            assertThat(report.truncatedBytes()).isZero();
            assertThat(report.records()).isEqualTo(48);
            assertThat(report.problems()).singleElement().asString().contains("00000000000000000000.index")
                    .contains("out of order or beyond the segment");
            assertIntact(readAll(log), range(0, 48));
            for (long from = 0; from < 48; from++) {
                assertThat(log.read(from, 1, Long.MAX_VALUE).records()).extracting(LogRecord::offset).containsExactly(from);
            }
        }
        try (LogRuntime runtime = new LogRuntime(smallSegments()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery()).as("the rebuilt index was written back")
                    .isEqualTo(new RecoveryReport(true, segments, 0, 48, 0, 0, List.of()));
        }
    }

    @Test
    void aPlausibleButWrongIndexEntryIsCaughtByTheTailCheck() throws Exception {
        appendThenCloseCleanly(smallSegments(), 12);
        // one entry: offset 1 at position 7, increasing and inside the segment, but not a batch boundary
        Files.write(LogFileNames.offsetIndexFile(dir, 0), ByteBuffer.allocate(8).putInt(1).putInt(7).array());
        Files.write(LogFileNames.timeIndexFile(dir, 0), ByteBuffer.allocate(12).putLong(1).putInt(1).array());
        try (LogRuntime runtime = new LogRuntime(smallSegments()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery().segmentsScanned()).isEqualTo(1);
            assertThat(log.recovery().problems()).singleElement().asString()
                    .startsWith("00000000000000000000.log: no valid batch header at position 7");
            assertIntact(readAll(log), range(0, 48));
        }
    }

    @Test
    void aTruncatedSealedSegmentLosesOnlyItsTornBatch() throws Exception {
        appendThenCloseCleanly(smallSegments(), 12);
        List<Long> bases = LogFileNames.segmentBaseOffsets(dir);
        assertThat(bases.size()).isGreaterThanOrEqualTo(3);
        Path first = LogFileNames.logFile(dir, bases.get(0));
        long size = Files.size(first);
        truncate(first, size - 100);
        long lastBatchSize;
        try (LogRuntime runtime = new LogRuntime(smallSegments()); ShardLog log = ShardLog.open(dir, runtime)) {
            RecoveryReport report = log.recovery();
            long firstSegmentEnd = segmentOf(log, bases.get(0)).nextOffset();
            assertThat(firstSegmentEnd).as("one batch lost").isEqualTo(bases.get(1) - RECORDS_PER_BATCH);
            lastBatchSize = size - segmentOf(log, bases.get(0)).size();
            assertThat(report).isEqualTo(new RecoveryReport(true, bases.size(), 1, 48 - RECORDS_PER_BATCH,
                    lastBatchSize - 100, 1, report.problems()));
            long tornAt = segmentOf(log, bases.get(0)).size();
            assertThat(report.problems()).containsExactly("00000000000000000000.log: torn batch at position " + tornAt + " ("
                    + lastBatchSize + " bytes, " + (lastBatchSize - 100) + " on disk), truncated " + (lastBatchSize - 100) + " bytes");
            List<Long> expected = new ArrayList<>(range(0, firstSegmentEnd));
            expected.addAll(range(bases.get(1), 48));
            assertIntact(readAll(log), expected);
            assertThat(log.read(firstSegmentEnd, 1, Long.MAX_VALUE).records()).extracting(LogRecord::offset)
                    .as("a read in the gap continues after it").containsExactly(bases.get(1));
        }
    }

    @Test
    void anEmptyLastSegmentAfterACrashRightAfterARollIsFine() throws Exception {
        appendThenCrash(smallSegments(), 12);
        List<Long> bases = LogFileNames.segmentBaseOffsets(dir);
        long last = bases.get(bases.size() - 1);
        truncate(LogFileNames.logFile(dir, last), 0);
        try (LogRuntime runtime = new LogRuntime(smallSegments()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.endOffset()).isEqualTo(last);
            assertThat(log.recovery().truncatedBytes()).isZero();
            assertThat(log.recovery().records()).isEqualTo(last);
            assertIntact(readAll(log), range(0, last));
            assertThat(log.append(entries(last, 1, DATA_SIZE))).isEqualTo(last);
        }
    }

    @Test
    void strayTempAndOrphanIndexFilesAreDeleted() throws Exception {
        appendThenCloseCleanly(oneSegment(), 2);
        Files.write(dir.resolve("00000000000000000000.index.tmp"), new byte[3]);
        Files.write(LogFileNames.offsetIndexFile(dir, 999), new byte[8]);
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery().problems()).containsExactlyInAnyOrder(
                    "00000000000000000000.index.tmp: stray file deleted", "00000000000000000999.index: stray file deleted");
            assertThat(dir.resolve("00000000000000000000.index.tmp")).doesNotExist();
            assertIntact(readAll(log), range(0, 8));
        }
    }

    @Test
    void aBitFlipInASealedSegmentIsReportedOnReadNotServed() throws Exception {
        List<Long> ends = appendThenCloseCleanly(oneSegment(), 3);
        overwrite(LogFileNames.logFile(dir, 0), ends.get(0) + RecordBatch.HEADER_SIZE + 40, new byte[] {0x7f});
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery().segmentsScanned()).as("a clean shutdown skips the scan").isZero();
            assertThat(log.read(0, 4, Long.MAX_VALUE).records()).hasSize(4);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.read(4, 4, Long.MAX_VALUE))
                    .isInstanceOf(CorruptLogException.class).hasMessageContaining("checksum mismatch");
        }
    }

    /** A 37-byte batch header that is plausible in every field but its length: {@code Integer.MAX_VALUE}. */
    private static byte[] headerClaimingTwoGigabytes(long baseOffset) {
        return ByteBuffer.allocate(RecordBatch.HEADER_SIZE).putLong(baseOffset).putInt(Integer.MAX_VALUE).putInt(0)
                .put(RecordBatch.MAGIC).putInt(1).putLong(5).putLong(5).array();
    }

    @Test
    void aTailHeaderWhoseLengthWouldOverflowIsTruncatedAfterAnUncleanStop() throws Exception {
        List<Long> ends = appendThenCrash(oneSegment(), 3);
        Path file = LogFileNames.logFile(dir, 0);
        overwrite(file, ends.get(2), headerClaimingTwoGigabytes(12));
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery()).isEqualTo(new RecoveryReport(false, 1, 1, 12, 37, 1, List.of(
                    "00000000000000000000.log: no valid batch header at position " + ends.get(2) + ", truncated 37 bytes")));
            assertIntact(readAll(log), range(0, 12));
            assertThat(log.append(entries(12, RECORDS_PER_BATCH, DATA_SIZE))).isEqualTo(12);
        }
    }

    @Test
    void aTailHeaderWhoseLengthWouldOverflowFailsTheCleanCheckAndIsTruncated() throws Exception {
        List<Long> ends = appendThenCloseCleanly(oneSegment(), 3);
        overwrite(LogFileNames.logFile(dir, 0), ends.get(2), headerClaimingTwoGigabytes(12));
        try (LogRuntime runtime = new LogRuntime(oneSegment()); ShardLog log = ShardLog.open(dir, runtime)) {
            assertThat(log.recovery()).isEqualTo(new RecoveryReport(true, 1, 1, 12, 37, 1, List.of(
                    "00000000000000000000.log: no valid batch header at position " + ends.get(2) + ", truncated 37 bytes")));
            assertIntact(readAll(log), range(0, 12));
        }
    }
}
