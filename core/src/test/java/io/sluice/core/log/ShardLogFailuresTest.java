package io.sluice.core.log;

import static io.sluice.core.log.LogFixtures.entries;
import static io.sluice.core.log.LogFixtures.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed fsync takes a shard log out of service for appends, for good (PostgreSQL's rule: a retried fsync may
 * report success over pages the kernel dropped), while reads go on; reopening recovers it from disk. A real disk
 * cannot be made to fail an fsync on demand, so these tests pass the runtime a {@link DataSync} that fails when told
 * — the log layer's one seam. A full disk, which fails a write before any fsync, is tested for real in the server's
 * {@code DiskFullIT}.
 */
class ShardLogFailuresTest {

    @TempDir
    Path dir;

    private final AtomicBoolean failing = new AtomicBoolean();
    private final DataSync failWhenTold = channel -> {
        if (failing.get()) {
            throw new IOException("Input/output error");
        }
        channel.force(false);
    };

    @Test
    void aFailedFsyncOnAppendRefusesEveryLaterAppendAndKeepsReads() throws Exception {
        try (LogRuntime runtime = new LogRuntime(smallConfig(), failWhenTold);
             ShardLog log = ShardLog.open(dir.resolve("shard"), runtime)) {
            log.append(entries(0, 3, 10));
            failing.set(true);

            assertThatThrownBy(() -> log.append(entries(3, 1, 10))).isInstanceOf(FsyncFailedException.class)
                    .hasMessageContaining("fsync of ").hasMessageEndingWith("failed: Input/output error");
            failing.set(false); // the disk "recovers": the log still refuses
            assertThatThrownBy(() -> log.append(entries(3, 1, 10))).isInstanceOf(LogOutOfServiceException.class)
                    .hasMessageStartingWith("shard log " + dir.resolve("shard") + " takes no more appends since an "
                            + "fsync of ");
            assertThat(log.fsyncFailure()).isPresent();
            assertThat(LogFixtures.readAll(log)).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(log.endOffset()).isEqualTo(3);
        }
        try (LogRuntime runtime = new LogRuntime(smallConfig());
             ShardLog reopened = ShardLog.open(dir.resolve("shard"), runtime)) {
            assertThat(reopened.fsyncFailure()).isEmpty();
            assertThat(reopened.append(entries(3, 1, 10))).as("recovered from disk, appends again").isEqualTo(3);
        }
    }

    @Test
    void aFailedFsyncOfTheIntervalFlusherIsNotRetriedAndTakesTheLogOutOfService() throws Exception {
        LogConfig interval = smallConfig().withFsync(FsyncPolicy.interval(Duration.ofHours(1)));
        try (LogRuntime runtime = new LogRuntime(interval, failWhenTold);
             ShardLog log = ShardLog.open(dir.resolve("shard"), runtime)) {
            log.append(entries(0, 2, 10)); // acknowledged, not yet on disk
            failing.set(true);

            runtime.flushDirty();
            failing.set(false);
            runtime.flushDirty(); // nothing to retry: the failed log is not dirty any more

            assertThat(log.fsyncFailure()).isPresent();
            assertThatThrownBy(() -> log.append(entries(2, 1, 10))).isInstanceOf(LogOutOfServiceException.class);
            assertThat(LogFixtures.readAll(log)).hasSize(2);
        }
    }
}
