package io.sluice.core.log;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link ShardLogCrashIT}: appends batches with {@code fsync=always} forever and prints
 * {@code ACK <firstOffset> <count>} after each append returns. The content of every offset is
 * {@link #expectedData}/{@link #expectedKey}, so the parent can check any record byte for byte.
 *
 * <p>Usage: {@code CrashAppender <log directory> <seed>}.
 */
public final class CrashAppender {

    static final LogConfig CONFIG = LogConfig.defaults().withSegmentBytes(1 << 20).withIndexIntervalBytes(4096).withMaxOpenFiles(4);

    private CrashAppender() {
    }

    static int sizeFor(long offset) {
        return (int) ((offset * 7919) % 3000) + 1;
    }

    static byte[] expectedData(long offset) {
        return LogFixtures.dataFor(offset, sizeFor(offset));
    }

    static String expectedKey(long offset) {
        return "pk-" + offset;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        try (LogRuntime runtime = new LogRuntime(CONFIG); ShardLog log = ShardLog.open(dir, runtime)) {
            out.println("OPEN " + log.endOffset());
            out.flush();
            while (true) {
                long base = log.endOffset(); // single writer: the next append gets this offset
                int count = 1 + random.nextInt(random.nextBoolean() ? 300 : 10);
                List<LogEntry> batch = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    batch.add(new LogEntry(System.currentTimeMillis(), expectedKey(base + i), expectedData(base + i)));
                }
                long acked = log.append(batch);
                out.println("ACK " + acked + " " + count);
                out.flush();
            }
        }
    }
}
