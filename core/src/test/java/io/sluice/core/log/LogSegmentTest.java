package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSegmentTest {

    @TempDir
    Path dir;

    private final FileHandleCache files = new FileHandleCache(4);

    @AfterEach
    void closeFiles() {
        files.close();
    }

    private static void append(LogSegment segment, long base, int count, int size) throws Exception {
        List<LogEntry> entries = LogFixtures.entries(base, count, size);
        long[] ts = entries.stream().mapToLong(LogEntry::timestampMs).toArray();
        byte[][] keys = entries.stream().map(e -> e.partitionKey().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        ByteBuffer batch = RecordBatch.encode(base, entries, ts, keys);
        segment.append(batch, base, count, ts[0], ts[count - 1], false);
    }

    @Test
    void indexesABatchOnceIndexIntervalBytesWereWrittenSinceTheLastEntry() throws Exception {
        LogSegment segment = LogSegment.create(dir, 100, files, 1000);
        for (int i = 0; i < 10; i++) {
            append(segment, 100 + i * 2L, 2, 200); // ~470-byte batches
        }
        assertThat(segment.nextOffset()).isEqualTo(120);
        assertThat(segment.size()).isEqualTo((int) Files.size(LogFileNames.logFile(dir, 100)));
        assertThat(segment.offsetIndex().entryCount()).as("an entry every third batch").isEqualTo(3);
        assertThat(segment.timeIndex().entryCount()).isEqualTo(3);
        assertThat(segment.firstTimestampMs()).isEqualTo(100);
        assertThat(segment.lastTimestampMs()).isEqualTo(119);
    }

    @Test
    void recoverRebuildsTheSameIndexesTheAppendsBuilt() throws Exception {
        LogSegment segment = LogSegment.create(dir, 0, files, 500);
        for (int i = 0; i < 20; i++) {
            append(segment, i * 3L, 3, 100);
        }
        segment.seal();
        byte[] index = Files.readAllBytes(LogFileNames.offsetIndexFile(dir, 0));
        byte[] timeIndex = Files.readAllBytes(LogFileNames.timeIndexFile(dir, 0));
        files.evict(segment.logFile());

        LogSegment recovered = LogSegment.existing(dir, 0, files, 500);
        assertThat(recovered.recover(Long.MAX_VALUE)).isEqualTo(new LogSegment.Recovered(true, 0, null));
        assertThat(recovered.nextOffset()).isEqualTo(60);
        assertThat(LogFileNames.offsetIndexFile(dir, 0)).as("recovery drops the untrusted files").doesNotExist();
        recovered.seal();
        assertThat(Files.readAllBytes(LogFileNames.offsetIndexFile(dir, 0))).isEqualTo(index);
        assertThat(Files.readAllBytes(LogFileNames.timeIndexFile(dir, 0))).isEqualTo(timeIndex);

        LogSegment loaded = LogSegment.existing(dir, 0, files, 500);
        loaded.loadAndCheck(60);
        assertThat(loaded.nextOffset()).isEqualTo(60);
        assertThat(loaded.lastTimestampMs()).isEqualTo(59);
        LogSegment.ReadState state = new LogSegment.ReadState(31, 5, Long.MAX_VALUE, new ArrayList<>());
        loaded.read(state);
        assertThat(state.out).extracting(LogRecord::offset).containsExactly(31L, 32L, 33L, 34L, 35L);
        assertThat(state.full).isTrue();
    }

    @Test
    void offsetForTimestampRespectsTheMinimumOffset() throws Exception {
        LogSegment segment = LogSegment.create(dir, 0, files, 300);
        for (int i = 0; i < 10; i++) {
            append(segment, i * 4L, 4, 50);
        }
        assertThat(segment.offsetForTimestamp(17, 0)).isEqualTo(17);
        assertThat(segment.offsetForTimestamp(17, 25)).isEqualTo(25);
        assertThat(segment.offsetForTimestamp(40, 0)).isEqualTo(-1);
    }
}
