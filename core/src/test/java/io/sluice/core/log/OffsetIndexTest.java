package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetIndexTest {

    @TempDir
    Path dir;

    @Test
    void lookupReturnsTheLastEntryAtOrBeforeTheTargetOrZero() {
        OffsetIndex index = new OffsetIndex(1000);
        index.append(1010, 500);
        index.append(1020, 1000);
        index.append(1030, 1500);
        assertThat(index.lookup(1000)).isEqualTo(0);
        assertThat(index.lookup(1009)).isEqualTo(0);
        assertThat(index.lookup(1010)).isEqualTo(500);
        assertThat(index.lookup(1025)).isEqualTo(1000);
        assertThat(index.lookup(99999)).isEqualTo(1500);
        assertThat(index.lastOffset()).isEqualTo(1030);
        assertThat(index.lastPosition()).isEqualTo(1500);
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        OffsetIndex index = new OffsetIndex(0);
        for (int i = 1; i <= 1000; i++) {
            index.append(i * 10L, i * 100);
        }
        assertThat(index.entryCount()).isEqualTo(1000);
        assertThat(index.lookup(5555)).isEqualTo(55500);
    }

    @Test
    void writesEightByteEntriesAndLoadsThemBack() throws Exception {
        OffsetIndex index = new OffsetIndex(1000);
        index.append(1010, 500);
        index.append(1020, 1000);
        Path file = dir.resolve("x.index");
        index.writeTo(file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(16);
        assertThat(ByteBuffer.wrap(bytes).getInt(0)).as("relative offset").isEqualTo(10);
        assertThat(ByteBuffer.wrap(bytes).getInt(4)).as("position").isEqualTo(500);
        OffsetIndex loaded = OffsetIndex.load(file, 1000, 1100, 2000);
        assertThat(loaded.entryCount()).isEqualTo(2);
        assertThat(loaded.lookup(1025)).isEqualTo(1000);
    }

    @Test
    void loadRejectsAPartialEntry() throws Exception {
        Path file = dir.resolve("x.index");
        Files.write(file, new byte[] {0, 0, 0, 1, 0, 0, 1});
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 100, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("not a multiple of 8");
    }

    @Test
    void loadRejectsEntriesOutOfOrderOrBeyondTheSegment() throws Exception {
        Path file = dir.resolve("x.index");
        Files.write(file, ByteBuffer.allocate(16).putInt(10).putInt(500).putInt(5).putInt(600).array());
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 100, 1000)).isInstanceOf(CorruptIndexException.class);
        Files.write(file, ByteBuffer.allocate(8).putInt(10).putInt(5000).array());
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 100, 1000)).as("position past the log end")
                .isInstanceOf(CorruptIndexException.class);
        Files.write(file, ByteBuffer.allocate(8).putInt(100).putInt(500).array());
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 100, 1000)).as("offset past the segment end")
                .isInstanceOf(CorruptIndexException.class);
    }

    @Test
    void loadRefusesAnIndexLargerThanItsSegmentCanNeedBeforeReadingIt() throws Exception {
        Path file = dir.resolve("x.index");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(1L << 30); // 1 GiB of holes: costs no disk, and must cost no heap either
        }
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 100, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessage(file + ": 1073741824 bytes is more than the index of its segment can hold (224)");
        assertThatThrownBy(() -> TimeIndex.load(file, 0, 100, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessage(file + ": 1073741824 bytes is more than the index of its segment can hold (336)");
    }

    @Test
    void loadChecksOffsetsWithoutOverflowNearTheLargestBaseOffset() throws Exception {
        Path file = dir.resolve("x.index");
        // base + relative offset would wrap around to a negative offset and pass a "below the segment end" check.
        Files.write(file, ByteBuffer.allocate(8).putInt(-1).putInt(500).array());
        long base = Long.MAX_VALUE - 10;
        assertThatThrownBy(() -> OffsetIndex.load(file, base, Long.MAX_VALUE, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("(relativeOffset 4294967295, position 500) is out of order or beyond the segment");
        Files.write(file, ByteBuffer.allocate(12).putLong(7).putInt(-1).array());
        assertThatThrownBy(() -> TimeIndex.load(file, base, Long.MAX_VALUE, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("relativeOffset 4294967295) is out of order or beyond the segment");
    }
}
