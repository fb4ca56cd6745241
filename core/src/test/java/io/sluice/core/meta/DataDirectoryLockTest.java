package io.sluice.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.core.meta.DataDirectoryLock.DataDirectoryInUseException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondEngineOnTheDirectoryIsRefusedUntilTheFirstCloses() throws Exception {
        try (StreamEngine first = StreamEngine.open(EngineConfig.defaults(dataDir))) {
            assertThatThrownBy(() -> StreamEngine.open(EngineConfig.defaults(dataDir)))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessage("The data directory " + dataDir.toAbsolutePath().normalize() + " is in use by another "
                            + "Sluice server (pid " + ProcessHandle.current().pid() + " on "
                            + InetAddress.getLocalHost().getHostName()
                            + "); stop it first, or give this one its own --data-dir");
            assertThat(first.listStreams(null, null, null).streamNames()).as("the holder is untouched").isEmpty();
        }
        StreamEngine.open(EngineConfig.defaults(dataDir)).close();
    }

    @Test
    void aLockFileLeftByADeadProcessBlocksNothing() throws Exception {
        Files.writeString(dataDir.resolve(DataDirectoryLock.FILE), "pid 999999 on gone\n");
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            assertThat(lock).isNotNull();
            assertThat(Files.readString(dataDir.resolve(DataDirectoryLock.FILE)))
                    .isEqualTo("pid " + ProcessHandle.current().pid() + " on "
                            + InetAddress.getLocalHost().getHostName() + "\n");
        }
    }

    @Test
    void closingAnEngineTwiceReleasesTheDirectoryOnce() throws Exception {
        StreamEngine engine = StreamEngine.open(EngineConfig.defaults(dataDir));
        engine.close();
        engine.close(); // the benchmark closes once timed and once in a finally block
        StreamEngine.open(EngineConfig.defaults(dataDir)).close();
    }
}
