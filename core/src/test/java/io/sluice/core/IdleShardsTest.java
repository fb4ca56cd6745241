package io.sluice.core;

import static io.sluice.core.EngineFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.StreamRef;
import io.sluice.core.log.FsyncPolicy;
import io.sluice.core.log.LogConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class IdleShardsTest {

    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void aThousandShardsCostNoThreadsAndBoundedFileHandles() throws IOException {
        EngineFixture fx = new EngineFixture(dir);
        EngineConfig config = fx.config().withMaintenanceInterval(Duration.ofMinutes(1))
                .withLog(LogConfig.defaults().withFsync(FsyncPolicy.interval(Duration.ofSeconds(1))).withMaxOpenFiles(32));
        long fdsBefore = openFileDescriptors();
        int threadsBefore = Thread.activeCount();
        try (StreamEngine engine = fx.open(config)) {
            engine.createStream("wide", 1000, null, null);
            BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(1000));
            for (int i = 0; i < 1000; i++) {
                String key = width.multiply(BigInteger.valueOf(i)).toString();
                engine.putRecord(new PutRecordRequest(StreamRef.named("wide"), "k", bytes("v" + i), key, null));
            }
            assertThat(engine.describeStreamSummary(StreamRef.named("wide")).openShardCount()).isEqualTo(1000);
            assertThat(Thread.activeCount() - threadsBefore)
                    .as("threads added by the engine: the maintenance scheduler and the log flusher at most").isLessThanOrEqualTo(2);
            assertThat(openFileDescriptors() - fdsBefore)
                    .as("file handles stay bounded by the log runtime's LRU, not one per shard").isLessThan(200);
        }
    }

    private static long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
