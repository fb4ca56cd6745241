package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    private static ByteBuffer encode(long base, List<LogEntry> entries) {
        long[] ts = entries.stream().mapToLong(LogEntry::timestampMs).toArray();
        byte[][] keys = entries.stream().map(e -> e.partitionKey().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        return RecordBatch.encode(base, entries, ts, keys);
    }

    @Test
    void encodesTheDocumentedHeaderByteByByte() {
        ByteBuffer buf = encode(42, List.of(new LogEntry(1000, "k", new byte[] {1, 2, 3}), new LogEntry(1005, "ké", new byte[0])));
        int expectedSize = RecordBatch.HEADER_SIZE + (16 + 1 + 3) + (16 + 3 + 0);
        assertThat(buf.remaining()).isEqualTo(expectedSize);
        assertThat(buf.getLong(0)).isEqualTo(42);
        assertThat(buf.getInt(8)).isEqualTo(expectedSize - 12);
        assertThat(buf.get(16)).isEqualTo((byte) 1);
        assertThat(buf.getInt(17)).isEqualTo(2);
        assertThat(buf.getLong(21)).isEqualTo(1000);
        assertThat(buf.getLong(29)).isEqualTo(1005);
        assertThat(buf.getLong(37)).as("first record timestamp").isEqualTo(1000);
        assertThat(buf.getInt(45)).as("first key length").isEqualTo(1);
        assertThat(buf.get(49)).isEqualTo((byte) 'k');
        assertThat(buf.getInt(50)).as("first data length").isEqualTo(3);
        assertThat(buf.getInt(12)).isEqualTo(RecordBatch.computeCrc(buf));
        assertThat(RecordBatch.isValid(buf)).isTrue();
    }

    @Test
    void checksumDetectsAFlippedBitAnywhereInTheBatch() {
        ByteBuffer original = encode(0, LogFixtures.entries(0, 3, 10));
        for (int i = 0; i < original.remaining(); i++) {
            ByteBuffer copy = ByteBuffer.allocate(original.remaining());
            copy.put(original.duplicate()).flip();
            copy.put(i, (byte) (copy.get(i) ^ 0x10));
            assertThat(RecordBatch.isValid(copy)).as("bit flipped in byte %d", i).isFalse();
        }
    }

    @Test
    void aTruncatedBatchIsInvalid() {
        ByteBuffer buf = encode(0, LogFixtures.entries(0, 3, 10));
        buf.limit(buf.limit() - 1);
        assertThat(RecordBatch.isValid(buf)).isFalse();
    }

    @Test
    void decodesRecordsFromAnOffsetWithinTheBatch() throws Exception {
        ByteBuffer buf = encode(10, LogFixtures.entries(10, 5, 7));
        List<LogRecord> out = new ArrayList<>();
        long bytes = RecordBatch.decode(buf, 12, out, 100, Long.MAX_VALUE, 0);
        assertThat(out).extracting(LogRecord::offset).containsExactly(12L, 13L, 14L);
        assertThat(out.get(0).data()).isEqualTo(LogFixtures.dataFor(12, 7));
        assertThat(out.get(0).partitionKey()).isEqualTo("key-12");
        assertThat(out.get(0).timestampMs()).isEqualTo(12);
        assertThat(bytes).isEqualTo(3 * (6 + 7));
    }

    @Test
    void decodeStopsAtMaxBytesButReturnsAtLeastOneRecord() throws Exception {
        ByteBuffer buf = encode(0, LogFixtures.entries(0, 5, 100));
        List<LogRecord> out = new ArrayList<>();
        RecordBatch.decode(buf, 0, out, 100, 1, 0);
        assertThat(out).extracting(LogRecord::offset).containsExactly(0L);
    }

    @Test
    void findsTheFirstOffsetAtOrAfterATimestamp() throws Exception {
        ByteBuffer buf = encode(100, List.of(new LogEntry(5, "a", new byte[1]), new LogEntry(7, "b", new byte[1]),
                new LogEntry(7, "c", new byte[1]), new LogEntry(9, "d", new byte[1])));
        assertThat(RecordBatch.firstOffsetAtOrAfter(buf, 0)).isEqualTo(100);
        assertThat(RecordBatch.firstOffsetAtOrAfter(buf, 6)).isEqualTo(101);
        assertThat(RecordBatch.firstOffsetAtOrAfter(buf, 8)).isEqualTo(103);
        assertThat(RecordBatch.firstOffsetAtOrAfter(buf, 10)).isEqualTo(-1);
    }

    @Test
    void decodeRejectsARecordLengthThatOverrunsTheBatch() {
        ByteBuffer buf = encode(0, LogFixtures.entries(0, 1, 4));
        buf.putInt(RecordBatch.HEADER_SIZE + 8, 1_000_000);
        assertThatThrownBy(() -> RecordBatch.decode(buf, 0, new ArrayList<>(), 10, Long.MAX_VALUE, 0))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("overruns");
    }

    @Test
    void headersWhoseArithmeticWouldOverflowAreNotPlausible() {
        RecordBatch.Header sane = new RecordBatch.Header(0, 100, 0, RecordBatch.MAGIC, 1, 5, 5);
        assertThat(sane.isPlausible()).isTrue();
        assertThat(new RecordBatch.Header(0, Integer.MAX_VALUE, 0, RecordBatch.MAGIC, 1, 5, 5).isPlausible())
                .as("12 + batchLength would wrap to a negative size").isFalse();
        assertThat(new RecordBatch.Header(0, RecordBatch.MAX_BATCH_BYTES - RecordBatch.LOG_OVERHEAD, 0, RecordBatch.MAGIC,
                1, 5, 5).sizeInBytes()).as("the largest plausible batch").isEqualTo(RecordBatch.MAX_BATCH_BYTES);
        assertThat(new RecordBatch.Header(Long.MAX_VALUE - 2, 100, 0, RecordBatch.MAGIC, 3, 5, 5).isPlausible())
                .as("baseOffset + recordCount would wrap to a negative offset").isFalse();
        assertThat(new RecordBatch.Header(Long.MAX_VALUE - 3, 100, 0, RecordBatch.MAGIC, 3, 5, 5).nextOffset())
                .isEqualTo(Long.MAX_VALUE);
    }

    /** Overwrites the key length of the first record and recomputes the checksum: a batch only a forger makes. */
    private static ByteBuffer withFirstKeyLength(ByteBuffer batch, int keyLength) {
        batch.putInt(RecordBatch.HEADER_SIZE + 8, keyLength);
        batch.putInt(RecordBatch.CRC_OFFSET, RecordBatch.computeCrc(batch));
        assertThat(RecordBatch.isValid(batch)).as("the forged batch passes its checksum").isTrue();
        return batch;
    }

    @Test
    void aForgedKeyLengthIsCorruptionNotAnIndexErrorWhenSeekingATimestamp() {
        // 37 + 12 + (MAX_VALUE - 40) wraps around in int arithmetic to a small position inside the batch.
        ByteBuffer forged = withFirstKeyLength(encode(0, LogFixtures.entries(0, 3, 10)), Integer.MAX_VALUE - 40);
        assertThatThrownBy(() -> RecordBatch.firstOffsetAtOrAfter(forged, 2)).isInstanceOf(CorruptLogException.class)
                .hasMessage("batch at offset 0: record 0 has key length 2147483607, beyond its batch");
        ByteBuffer negative = withFirstKeyLength(encode(0, LogFixtures.entries(0, 3, 10)), -1);
        assertThatThrownBy(() -> RecordBatch.firstOffsetAtOrAfter(negative, 2)).isInstanceOf(CorruptLogException.class)
                .hasMessage("batch at offset 0: record 0 has key length -1, beyond its batch");
        ByteBuffer longData = encode(0, LogFixtures.entries(0, 2, 4));
        longData.putInt(RecordBatch.HEADER_SIZE + 12 + "key-0".length(), Integer.MAX_VALUE - 2);
        assertThatThrownBy(() -> RecordBatch.firstOffsetAtOrAfter(longData, Long.MAX_VALUE))
                .isInstanceOf(CorruptLogException.class)
                .hasMessage("batch at offset 0: record 0 has data length 2147483645, beyond its batch");
        List<LogRecord> out = new ArrayList<>();
        assertThatThrownBy(() -> RecordBatch.decode(forged, 0, out, 10, Long.MAX_VALUE, 0))
                .isInstanceOf(CorruptLogException.class)
                .hasMessage("record 0: key length 2147483607 overruns its batch");
    }
}
