package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileNamesTest {

    @TempDir
    Path dir;

    @Test
    void namesAreTheBaseOffsetZeroPaddedToTwentyDigits() {
        assertThat(LogFileNames.logFile(dir, 0).getFileName().toString()).isEqualTo("00000000000000000000.log");
        assertThat(LogFileNames.offsetIndexFile(dir, 41230).getFileName().toString()).isEqualTo("00000000000000041230.index");
        assertThat(LogFileNames.timeIndexFile(dir, Long.MAX_VALUE).getFileName().toString())
                .isEqualTo("09223372036854775807.timeindex");
    }

    @Test
    void parsesOnlyWellFormedSegmentNames() {
        assertThat(LogFileNames.parseBaseOffset("00000000000000041230.log", ".log")).isEqualTo(OptionalLong.of(41230));
        assertThat(LogFileNames.parseBaseOffset("41230.log", ".log")).isEmpty();
        assertThat(LogFileNames.parseBaseOffset("0000000000000004123x.log", ".log")).isEmpty();
        assertThat(LogFileNames.parseBaseOffset("00000000000000041230.index", ".log")).isEmpty();
        assertThat(LogFileNames.parseBaseOffset("99999999999999999999.log", ".log")).as("overflows a long").isEmpty();
        assertThat(LogFileNames.parseBaseOffset("0000000000000004123\u0663.log", ".log")).as("non-ASCII digit").isEmpty();
    }

    @Test
    void listsSegmentBaseOffsetsInOffsetOrderIgnoringOtherFiles() throws Exception {
        for (long base : new long[] {1000, 5, 0, 99999}) {
            Files.createFile(LogFileNames.logFile(dir, base));
        }
        Files.createFile(LogFileNames.offsetIndexFile(dir, 7));
        Files.createFile(dir.resolve("notes.txt"));
        assertThat(LogFileNames.segmentBaseOffsets(dir)).containsExactly(0L, 5L, 1000L, 99999L);
    }
}
