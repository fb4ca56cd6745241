package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeIndexTest {

    @TempDir
    Path dir;

    @Test
    void lookupReturnsTheLastEntryStrictlyBeforeTheTimestampOrTheBaseOffset() {
        TimeIndex index = new TimeIndex(100);
        index.append(5000, 110);
        index.append(6000, 120);
        index.append(6000, 130);
        index.append(7000, 140);
        assertThat(index.lookup(4000)).isEqualTo(100);
        assertThat(index.lookup(5000)).isEqualTo(100);
        assertThat(index.lookup(5001)).isEqualTo(110);
        assertThat(index.lookup(6000)).as("equal timestamps may start earlier").isEqualTo(110);
        assertThat(index.lookup(6500)).isEqualTo(130);
        assertThat(index.lookup(99999)).isEqualTo(140);
    }

    @Test
    void writesTwelveByteEntriesAndLoadsThemBack() throws Exception {
        TimeIndex index = new TimeIndex(100);
        for (int i = 1; i <= 100; i++) {
            index.append(1000L * i, 100 + i);
        }
        Path file = dir.resolve("x.timeindex");
        index.writeTo(file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(1200);
        assertThat(ByteBuffer.wrap(bytes).getLong(0)).isEqualTo(1000);
        assertThat(ByteBuffer.wrap(bytes).getInt(8)).isEqualTo(1);
        TimeIndex loaded = TimeIndex.load(file, 100, 300, 100_000);
        assertThat(loaded.entryCount()).isEqualTo(100);
        assertThat(loaded.lookup(50_500)).isEqualTo(150);
    }

    @Test
    void loadRejectsGarbage() throws Exception {
        Path file = dir.resolve("x.timeindex");
        Files.write(file, ByteBuffer.allocate(24).putLong(9000).putInt(5).putLong(1000).putInt(6).array());
        assertThatThrownBy(() -> TimeIndex.load(file, 0, 100, 1000)).as("timestamps going backwards")
                .isInstanceOf(CorruptIndexException.class);
        Files.write(file, new byte[13]);
        assertThatThrownBy(() -> TimeIndex.load(file, 0, 100, 1000)).isInstanceOf(CorruptIndexException.class);
    }
}
