package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of appends, reads, timestamp lookups, retention, clean and unclean reopens, checked against a
 * plain list of what was appended. Seeded, so a failure replays.
 */
class ShardLogModelTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 20261125})
    void behavesLikeAListOfEverythingAppended(long seed) throws Exception {
        Random random = new Random(seed);
        Path dir = tmp.resolve("seed-" + seed);
        LogConfig config = LogConfig.defaults().withSegmentBytes(1024 + random.nextInt(8192))
                .withIndexIntervalBytes(1 + random.nextInt(2048)).withMaxOpenFiles(1 + random.nextInt(3))
                .withFsyncInterval(Duration.ofHours(1)); // fsync cost is not what this test is about
        List<LogRecord> model = new ArrayList<>(); // index == offset
        long start = 0;
        long clock = 1000;
        LogRuntime runtime = new LogRuntime(config);
        ShardLog log = ShardLog.open(dir, runtime);
        try {
            for (int step = 0; step < 250; step++) {
                int op = random.nextInt(100);
                if (op < 55) {
                    int n = 1 + random.nextInt(random.nextBoolean() ? 5 : 40);
                    List<LogEntry> batch = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        clock += random.nextInt(3) - 1; // sometimes backwards: the log clamps
                        byte[] data = new byte[random.nextInt(random.nextInt(10) == 0 ? 3000 : 200)];
                        random.nextBytes(data);
                        batch.add(new LogEntry(clock, "k" + random.nextInt(1000), data));
                    }
                    long base = log.append(batch);
                    assertThat(base).isEqualTo(model.size());
                    long last = model.isEmpty() ? Long.MIN_VALUE : model.get(model.size() - 1).timestampMs();
                    for (LogEntry e : batch) {
                        last = Math.max(last, e.timestampMs());
                        model.add(new LogRecord(model.size(), last, e.partitionKey(), e.data()));
                    }
                } else if (op < 80) {
                    long from = random.nextInt(model.size() + 5);
                    int maxRecords = 1 + random.nextInt(50);
                    long maxBytes = 1 + random.nextInt(5000);
                    LogReadResult r = log.read(from, maxRecords, maxBytes);
                    long first = Math.max(from, start);
                    List<LogRecord> expected = new ArrayList<>();
                    long bytes = 0;
                    for (long o = first; o < model.size() && expected.size() < maxRecords; o++) {
                        LogRecord m = model.get((int) o);
                        long size = m.data().length + m.partitionKey().length();
                        if (!expected.isEmpty() && bytes + size > maxBytes) {
                            break;
                        }
                        expected.add(m);
                        bytes += size;
                    }
                    assertThat(r.records()).usingRecursiveFieldByFieldElementComparator().as("read(%d, %d, %d) at step %d",
                            from, maxRecords, maxBytes, step).containsExactlyElementsOf(expected);
                    assertThat(r.bytes()).isEqualTo(bytes);
                    assertThat(r.nextOffset()).isEqualTo(expected.isEmpty() ? first : first + expected.size());
                } else if (op < 88) {
                    long ts = 990 + random.nextInt((int) Math.max(1, clock - 970));
                    long expected = model.size();
                    for (long o = start; o < model.size(); o++) {
                        if (model.get((int) o).timestampMs() >= ts) {
                            expected = o;
                            break;
                        }
                    }
                    assertThat(log.offsetForTimestamp(ts)).as("offsetForTimestamp(%d) at step %d", ts, step).isEqualTo(expected);
                } else if (op < 92) {
                    long cutoff = clock - random.nextInt(30);
                    log.deleteSegmentsOlderThan(cutoff);
                    long newStart = model.size();
                    for (long o = start; o < model.size(); o++) {
                        if (model.get((int) o).timestampMs() >= cutoff) {
                            newStart = o;
                            break;
                        }
                    }
                    start = Math.max(start, newStart);
                    assertThat(log.startOffset()).isEqualTo(start);
                } else {
                    boolean clean = random.nextBoolean();
                    if (clean) {
                        log.close();
                    }
                    runtime.close();
                    runtime = new LogRuntime(config);
                    log = ShardLog.open(dir, runtime);
                    assertThat(log.recovery().cleanShutdown()).isEqualTo(clean);
                    assertThat(log.recovery().truncatedBytes()).isZero();
                    assertThat(log.endOffset()).isEqualTo(model.size());
                    assertThat(log.startOffset()).isEqualTo(start);
                }
                assertThat(log.endOffset()).isEqualTo(model.size());
            }
        } finally {
            log.close();
            runtime.close();
        }
        assertThat(Files.exists(dir)).isTrue();
    }
}
