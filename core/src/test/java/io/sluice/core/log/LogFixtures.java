package io.sluice.core.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Deterministic entries for log tests: the content of offset {@code o} is a pure function of {@code o}. */
final class LogFixtures {

    private LogFixtures() {
    }

    static LogConfig smallConfig() {
        return LogConfig.defaults().withSegmentBytes(4096).withIndexIntervalBytes(256).withMaxOpenFiles(16);
    }

    static byte[] dataFor(long offset, int size) {
        byte[] data = new byte[size];
        long x = offset * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            data[i] = (byte) x;
        }
        return data;
    }

    static String keyFor(long offset) {
        return "key-" + offset;
    }

    static LogEntry entryFor(long offset, long timestampMs, int size) {
        return new LogEntry(timestampMs, keyFor(offset), dataFor(offset, size));
    }

    /** {@code count} entries for offsets starting at {@code firstOffset}, timestamp = offset, data of {@code size} bytes. */
    static List<LogEntry> entries(long firstOffset, int count, int size) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(entryFor(firstOffset + i, firstOffset + i, size));
        }
        return out;
    }

    static long recordBytes(long offset, int size) {
        return keyFor(offset).getBytes(StandardCharsets.UTF_8).length + size;
    }

    /** Every record of {@code log}, from its start offset to its end, in order. */
    static List<LogRecord> readAll(ShardLog log) throws IOException {
        List<LogRecord> all = new ArrayList<>();
        long next = log.startOffset();
        while (next < log.endOffset()) {
            LogReadResult r = log.read(next, 1000, Long.MAX_VALUE);
            all.addAll(r.records());
            next = r.nextOffset();
        }
        return all;
    }
}
