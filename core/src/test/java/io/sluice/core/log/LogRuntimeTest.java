package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRuntimeTest {

    @TempDir
    Path dir;

    private static long flusherThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("sluice-log-flusher")).count();
    }

    @Test
    void alwaysPolicyStartsNoThread() {
        long before = flusherThreads();
        try (LogRuntime runtime = new LogRuntime(LogConfig.defaults())) {
            assertThat(flusherThreads()).isEqualTo(before);
            assertThat(runtime.flushPeriod()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void intervalPolicyUsesOneFlusherThreadForAHundredLogs() throws Exception {
        long before = flusherThreads();
        try (LogRuntime runtime = new LogRuntime(LogConfig.defaults().withFsyncInterval(Duration.ofMillis(10)))) {
            List<ShardLog> logs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ShardLog log = ShardLog.open(dir.resolve("s" + i), runtime);
                log.append(LogFixtures.entries(0, 1, 10));
                logs.add(log);
            }
            assertThat(flusherThreads() - before).isEqualTo(1);
            assertThat(runtime.openFiles()).isLessThanOrEqualTo(runtime.config().maxOpenFiles());
            for (ShardLog log : logs) {
                log.close();
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> flusherThreads() == before);
    }

    @Test
    void closingTheRuntimeClosesEveryCachedFile() throws Exception {
        LogRuntime runtime = new LogRuntime(LogConfig.defaults().withMaxOpenFiles(8));
        ShardLog log = ShardLog.open(dir, runtime);
        log.append(LogFixtures.entries(0, 3, 10));
        assertThat(runtime.openFiles()).isEqualTo(1);
        runtime.close();
        assertThat(runtime.openFiles()).isZero();
    }
}
