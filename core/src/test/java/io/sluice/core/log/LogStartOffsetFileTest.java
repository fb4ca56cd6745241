package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStartOffsetFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTwelveBytesAndReadsThemBack() throws Exception {
        LogStartOffsetFile.write(dir, 123_456_789L);
        byte[] bytes = Files.readAllBytes(dir.resolve("log-start-offset"));
        assertThat(bytes).hasSize(12);
        assertThat(ByteBuffer.wrap(bytes).getLong(0)).isEqualTo(123_456_789L);
        assertThat(LogStartOffsetFile.read(dir)).isEqualTo(OptionalLong.of(123_456_789L));
        assertThat(dir.resolve("log-start-offset.tmp")).doesNotExist();
    }

    @Test
    void aMissingOrDamagedFileMeansNoLogicalStart() throws Exception {
        assertThat(LogStartOffsetFile.read(dir)).isEmpty();
        LogStartOffsetFile.write(dir, 42);
        byte[] bytes = Files.readAllBytes(dir.resolve("log-start-offset"));
        bytes[3] ^= 1;
        Files.write(dir.resolve("log-start-offset"), bytes);
        assertThat(LogStartOffsetFile.read(dir)).as("checksum mismatch").isEmpty();
        Files.write(dir.resolve("log-start-offset"), new byte[5]);
        assertThat(LogStartOffsetFile.read(dir)).as("wrong size").isEmpty();
    }
}
