package io.sluice.core.log;

import static io.sluice.core.log.LogFixtures.dataFor;
import static io.sluice.core.log.LogFixtures.entries;
import static io.sluice.core.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.testing.FaultyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a shard log does when the disk fails under it: a write that fails (a full disk) leaves no trace and the log
 * keeps serving; a failed fsync takes it out of service for good (PostgreSQL's rule), reads keep working, and the
 * next open recovers what the disk holds. The faults come from {@link FaultyFiles}, the one non-real part: a real
 * disk cannot be made to fail an fsync on demand (the full disk is tested for real in the server's DiskFullIT).
 */
class ShardLogFaultsTest {

    private static final int SIZE = 100;

    @TempDir
    Path dir;

    private final FaultyFiles files = new FaultyFiles();
    private final List<LogRuntime> runtimes = new ArrayList<>();

    private LogRuntime runtime(LogConfig config) {
        LogRuntime r = new LogRuntime(config, files);
        runtimes.add(r);
        return r;
    }

    @AfterEach
    void closeRuntimes() {
        runtimes.forEach(LogRuntime::close);
    }

    private static LogConfig always() {
        return LogConfig.defaults().withIndexIntervalBytes(256).withMaxOpenFiles(8);
    }

    /** An interval so long that only the test's own {@link LogRuntime#flushDirty()} calls flush. */
    private static LogConfig interval() {
        return always().withFsyncInterval(Duration.ofHours(1));
    }

    private static void assertRecords(List<LogRecord> records, long from, long to) {
        assertThat(records).extracting(LogRecord::offset)
                .containsExactlyElementsOf(LongStream.range(from, to).boxed().toList());
        for (LogRecord r : records) {
            assertThat(r.data()).as("data of offset %d", r.offset()).isEqualTo(dataFor(r.offset(), SIZE));
        }
    }

    private Path shard() {
        return dir.resolve("shard");
    }

    @Test
    void aWriteThatFailsForLackOfSpaceLeavesNoTraceAndAppendsResumeWhenSpaceReturns() throws Exception {
        try (ShardLog log = ShardLog.open(shard(), runtime(always()))) {
            log.append(entries(0, 4, SIZE));
            long size = Files.size(LogFileNames.logFile(shard(), 0));
            files.fillUpAfter(50); // half a batch fits, then the disk is full
            assertThatThrownBy(() -> log.append(entries(4, 4, SIZE))).isInstanceOf(AppendFailedException.class)
                    .hasMessage("No space left on device");
            assertThat(Files.size(LogFileNames.logFile(shard(), 0))).as("the partial batch was cut back").isEqualTo(size);
            assertThatThrownBy(() -> log.append(entries(4, 4, SIZE))).as("still full")
                    .isInstanceOf(AppendFailedException.class);
            assertThat(log.outOfServiceReason()).isEmpty();
            assertRecords(readAll(log), 0, 4);

            files.heal();
            assertThat(log.append(entries(4, 4, SIZE))).as("no offset was used by the failed appends").isEqualTo(4);
            assertRecords(readAll(log), 0, 8);
        }
        try (ShardLog reopened = ShardLog.open(shard(), runtime(always()))) {
            assertThat(reopened.recovery().truncatedBytes()).isZero();
            assertThat(reopened.recovery().cleanShutdown()).isTrue();
            assertRecords(readAll(reopened), 0, 8);
        }
    }

    @Test
    void aFailedFsyncOnAppendTakesTheLogOutOfServiceUntilItIsReopened() throws Exception {
        ShardLog log = ShardLog.open(shard(), runtime(always()));
        log.append(entries(0, 4, SIZE));
        files.failFsyncOf(path -> path.toString().endsWith(".log"));
        assertThatThrownBy(() -> log.append(entries(4, 4, SIZE))).isInstanceOf(LogOutOfServiceException.class)
                .hasMessage("the shard log is out of service (an fsync of its log failed: Input/output error)");
        assertThat(log.outOfServiceReason()).contains("an fsync of its log failed: Input/output error");

        files.heal();
        int fsyncs = files.fsyncCalls();
        assertThatThrownBy(() -> log.append(entries(4, 4, SIZE))).as("never retried, even once the disk answers again")
                .isInstanceOf(LogOutOfServiceException.class)
                .hasMessage("the shard log is out of service (an fsync of its log failed: Input/output error)");
        assertThat(files.fsyncCalls()).isEqualTo(fsyncs);
        assertThat(log.endOffset()).isEqualTo(4);
        assertRecords(readAll(log), 0, 4);
        assertThat(log.deleteSegmentsOlderThan(Long.MAX_VALUE)).as("retention leaves it alone").isZero();
        assertRecords(readAll(log), 0, 4);
        log.close();
        assertThat(shard().resolve(LogFileNames.CLEAN_SHUTDOWN_FILE)).as("no clean-shutdown marker").doesNotExist();

        try (ShardLog reopened = ShardLog.open(shard(), runtime(always()))) {
            assertThat(reopened.recovery().cleanShutdown()).isFalse();
            assertThat(reopened.recovery().segmentsScanned()).as("what the disk holds is checksummed").isEqualTo(1);
            // The refused batch reached the page cache before its fsync failed: like any unacknowledged write it
            // may or may not be there after the restart. Everything acknowledged is.
            List<LogRecord> records = readAll(reopened);
            assertRecords(records.subList(0, 4), 0, 4);
            long next = reopened.endOffset();
            assertThat(reopened.append(entries(next, 1, SIZE))).isEqualTo(next);
        }
    }

    @Test
    void aFailedFsyncOfTheFlusherTakesTheLogOutOfServiceAndIsNeverRetried() throws Exception {
        LogRuntime runtime = runtime(interval());
        ShardLog log = ShardLog.open(shard(), runtime);
        ShardLog other = ShardLog.open(dir.resolve("other"), runtime);
        log.append(entries(0, 4, SIZE));
        runtime.flushDirty();
        log.append(entries(4, 4, SIZE));
        other.append(entries(0, 4, SIZE));
        files.failFsyncOf(path -> path.startsWith(shard()));
        runtime.flushDirty();

        assertThat(log.outOfServiceReason()).contains("an fsync of its log failed: Input/output error");
        assertThatThrownBy(() -> log.append(entries(8, 1, SIZE))).isInstanceOf(LogOutOfServiceException.class);
        assertRecords(readAll(log), 0, 8);
        assertThat(other.outOfServiceReason()).as("another shard's log is not affected").isEmpty();
        assertThat(other.append(entries(4, 1, SIZE))).isEqualTo(4);

        files.heal();
        int fsyncs = files.fsyncCalls();
        runtime.flushDirty();
        assertThat(files.fsyncCalls()).as("only the other log was flushed, once").isEqualTo(fsyncs + 1);
        log.close();
        other.close();
    }

    @Test
    void aFailedDirectoryFsyncAfterARollTakesTheLogOutOfService() throws Exception {
        LogConfig small = always().withSegmentBytes(1024);
        try (ShardLog log = ShardLog.open(shard(), runtime(small))) {
            log.append(entries(0, 4, SIZE));
            log.append(entries(4, 4, SIZE));
            int segments = log.segmentCount();
            files.failFsyncOf(path -> path.equals(shard()));
            int batches = 0;
            while (log.outOfServiceReason().isEmpty() && batches++ < 20) {
                try {
                    log.append(entries(log.endOffset(), 4, SIZE));
                } catch (LogOutOfServiceException e) {
                    assertThat(e).hasMessage("the shard log is out of service (an fsync of its directory failed after"
                            + " a new segment was created: Input/output error)");
                }
            }
            assertThat(log.outOfServiceReason()).as("a roll happened within 20 batches")
                    .contains("an fsync of its directory failed after a new segment was created: Input/output error");
            assertThat(log.segmentCount()).isEqualTo(segments + 1);
            assertRecords(readAll(log), 0, log.endOffset());
        }
    }

    @Test
    void aFailedWriteThatCannotBeCutBackTakesTheLogOutOfService() throws Exception {
        try (ShardLog log = ShardLog.open(shard(), runtime(always()))) {
            log.append(entries(0, 4, SIZE));
            files.fillUpAfter(50);
            files.failTruncates();
            assertThatThrownBy(() -> log.append(entries(4, 4, SIZE))).isInstanceOf(LogOutOfServiceException.class)
                    .hasMessage("the shard log is out of service (a failed write could not be cut back: No space left"
                            + " on device)");
            files.heal();
            assertThatThrownBy(() -> log.append(entries(4, 4, SIZE))).isInstanceOf(LogOutOfServiceException.class);
            assertRecords(readAll(log), 0, 4);
        }
        try (ShardLog reopened = ShardLog.open(shard(), runtime(always()))) {
            assertThat(reopened.recovery().truncatedBytes()).as("the 50 stray bytes are cut at the next open").isEqualTo(50);
            assertRecords(readAll(reopened), 0, 4);
        }
    }
}
