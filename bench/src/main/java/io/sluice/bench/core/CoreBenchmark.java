package io.sluice.bench.core;

import io.sluice.bench.support.Directories;
import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.StreamRef;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.log.LogConfig;
import io.sluice.core.log.LogEntry;
import io.sluice.core.log.LogFileNames;
import io.sluice.core.log.LogReadResult;
import io.sluice.core.log.LogRuntime;
import io.sluice.core.log.RecordBatch;
import io.sluice.core.log.RecoveryReport;
import io.sluice.core.log.ShardLog;
import io.sluice.core.meta.StreamMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench/run core}: the stream engine's write path against a plain sequential {@link FileChannel} write of
 * the same bytes with the same flush cadence, in the same run; then read throughput and recovery time of the
 * shard log after an unclean stop with more than 1 GiB of data.
 *
 * <ul>
 *   <li>append: 4 shards, one writer thread per shard, {@code PutRecords} calls of 500 records, each routed by
 *       ExplicitHashKey to its writer's shard (so each call is one log batch), throughput limits off,
 *       {@code fsync=interval} ({@value #FLUSH_MS} ms). Measured through {@link StreamEngine#putRecords} (the engine
 *       path), and also straight on {@link ShardLog#append}.</li>
 *   <li>raw baseline: 4 threads, each writing its own file with {@link FileChannel#write(ByteBuffer, long)}, one
 *       write per batch of exactly the size the log writes for that batch, and one shared thread forcing all four
 *       files every {@value #FLUSH_MS} ms.</li>
 *   <li>MiB/s count record payload bytes (data only) per second of wall time, for both sides; a run is timed from
 *       its first write until every byte is on disk (the final fsync is inside the timing), so the page cache
 *       cannot flatter either side. The sides run in turns, in slices (8 of 128 MiB for 1 KiB records), and each
 *       figure is a side's total over its slices, so a busy neighbour slows all sides alike. Process CPU seconds
 *       per GiB are printed too: they depend much less on the machine's load than wall time.</li>
 *   <li>read: all shards read back concurrently with {@link ShardLog#read} (10 000 records / 10 MiB per call).</li>
 *   <li>recovery: the 1 KiB data set written straight to four shard logs (&gt;= 1 GiB), the runtime dropped without
 *       closing the logs (no clean-shutdown marker, active segments' indexes never written), then every log
 *       reopened. A second figure deletes every index file first, forcing a checksum scan of every byte.</li>
 * </ul>
 * Data lives in a temporary directory removed at the end. The page cache is not dropped (that needs root), so
 * recovery reads are mostly served from memory, as after a process crash.
 */
public final class CoreBenchmark {

    private static final int SHARDS = 4;
    private static final int BATCH = 500;
    private static final long FLUSH_MS = 200;
    private static final long MIB = 1024 * 1024;
    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

    private CoreBenchmark() {
    }

    /** Payload and disk bytes written in {@code nanos} of wall time, using {@code cpuNanos} of process CPU time. */
    record Throughput(long payloadBytes, long diskBytes, long nanos, long cpuNanos) {
        static final Throughput NONE = new Throughput(0, 0, 0, 0);

        double mibPerSecond() {
            return payloadBytes / (double) MIB / (nanos / 1e9);
        }

        /** CPU seconds (all threads of this process) per GiB of payload: less sensitive to a busy machine. */
        double cpuSecondsPerGib() {
            return cpuNanos / 1e9 / (payloadBytes / (double) (1024 * MIB));
        }

        Throughput plus(Throughput o) {
            return new Throughput(payloadBytes + o.payloadBytes, diskBytes + o.diskBytes, nanos + o.nanos, cpuNanos + o.cpuNanos);
        }
    }

    private static long cpuNow() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        long appendBytes1k = args.length > 0 ? Long.parseLong(args[0]) * MIB : 1024 * MIB;
        long appendBytes100 = appendBytes1k / 8;
        Path root = Files.createTempDirectory("sluice-bench-core-");
        try {
            System.out.printf(Locale.ROOT, "core benchmark: %d shards, batches of %d records, fsync=interval:%dms, data in %s%n",
                    SHARDS, BATCH, FLUSH_MS, root);
            // Warm-up so the JIT has compiled every path before anything is timed.
            raw(root, 1024, 64 * MIB);
            engine(root, 1024, 64 * MIB);
            direct(root.resolve("warm-up"), 1024, 64 * MIB, true);

            // The machine is shared and noisy, and page-cache writeback left by one run slows the next: so the
            // sides take turns in short slices, and each side's figure is its total over all its slices.
            Throughput[] oneKiB = alternate(root, 1024, appendBytes1k, 8);
            Throughput[] hundred = alternate(root, 100, appendBytes100, 4);
            report("append 1 KiB records", oneKiB);
            report("append 100 B records", hundred);

            Path logs = root.resolve("logs");
            Throughput direct1k = direct(logs, 1024, Math.max(appendBytes1k, 1024 * MIB) + 64 * MIB, false);
            System.out.printf(Locale.ROOT, "recovery data set: %d MiB on disk written by ShardLog.append at %.1f MiB/s%n",
                    direct1k.diskBytes() / MIB, direct1k.mibPerSecond());

            double recoverySeconds = recover(logs, false);
            double fullScanSeconds = recover(logs, true);
            System.out.printf(Locale.ROOT, "recovery after an unclean stop (%d MiB on disk): %.3f s; with every index file deleted (checksum scan of all data): %.3f s%n",
                    direct1k.diskBytes() / MIB, recoverySeconds, fullScanSeconds);

            Throughput read = read(logs);
            System.out.printf(Locale.ROOT, "read (ShardLog.read, 4 shards in parallel): %.1f MiB/s, cpu %.2f s/GiB (%d MiB payload)%n",
                    read.mibPerSecond(), read.cpuSecondsPerGib(), read.payloadBytes() / MIB);

            Throughput engine1k = oneKiB[1];
            Throughput raw1k = oneKiB[0];
            System.out.printf(Locale.ROOT, "SUMMARY engine_append_MiBps=%.1f raw_write_MiBps=%.1f ratio=%.2f "
                            + "small_ratio=%.2f read_MiBps=%.1f recovery_s=%.3f%n",
                    engine1k.mibPerSecond(), raw1k.mibPerSecond(), engine1k.mibPerSecond() / raw1k.mibPerSecond(),
                    hundred[1].mibPerSecond() / hundred[0].mibPerSecond(), read.mibPerSecond(), recoverySeconds);
        } finally {
            Directories.deleteTree(root);
        }
    }

    /** Runs raw, engine and ShardLog slices in turn; returns their totals in that order. */
    private static Throughput[] alternate(Path root, int recordSize, long payloadBytes, int slices) throws Exception {
        Throughput raw = Throughput.NONE;
        Throughput engine = Throughput.NONE;
        Throughput log = Throughput.NONE;
        for (int i = 0; i < slices; i++) {
            raw = raw.plus(raw(root, recordSize, payloadBytes / slices));
            engine = engine.plus(engine(root, recordSize, payloadBytes / slices));
            log = log.plus(direct(root.resolve("slice"), recordSize, payloadBytes / slices, true));
        }
        return new Throughput[] {raw, engine, log};
    }

    private static void report(String what, Throughput[] sides) {
        Throughput raw = sides[0];
        Throughput engine = sides[1];
        Throughput log = sides[2];
        System.out.printf(Locale.ROOT, "%s (%d MiB payload, %d MiB on disk per side):%n", what, raw.payloadBytes() / MIB,
                raw.diskBytes() / MIB);
        System.out.printf(Locale.ROOT, "  engine putRecords  %7.1f MiB/s  ratio %.2f  cpu %.2f s/GiB%n", engine.mibPerSecond(),
                engine.mibPerSecond() / raw.mibPerSecond(), engine.cpuSecondsPerGib());
        System.out.printf(Locale.ROOT, "  ShardLog.append    %7.1f MiB/s  ratio %.2f  cpu %.2f s/GiB%n", log.mibPerSecond(),
                log.mibPerSecond() / raw.mibPerSecond(), log.cpuSecondsPerGib());
        System.out.printf(Locale.ROOT, "  raw FileChannel    %7.1f MiB/s  ratio 1.00  cpu %.2f s/GiB%n", raw.mibPerSecond(),
                raw.cpuSecondsPerGib());
    }

    /** Bytes the log writes for a batch of {@link #BATCH} records of {@code recordSize} with the given keys. */
    private static int batchBytes(int recordSize, List<String> keys) {
        int size = RecordBatch.HEADER_SIZE;
        for (String k : keys) {
            size += RecordBatch.RECORD_OVERHEAD + k.getBytes(StandardCharsets.UTF_8).length + recordSize;
        }
        return size;
    }

    private static List<String> keys(int shard) {
        List<String> keys = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            keys.add(String.format(Locale.ROOT, "pk-%d-%05d", shard, i));
        }
        return keys;
    }

    private static byte[] payload(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    // ------------------------------------------------------------------ raw baseline

    private static Throughput raw(Path root, int recordSize, long payloadBytes) throws Exception {
        Path dir = Files.createDirectories(root.resolve("raw"));
        long batches = batchesPerShard(recordSize, payloadBytes);
        List<FileChannel> files = new ArrayList<>();
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
        ExecutorService writers = Executors.newFixedThreadPool(SHARDS);
        try {
            for (int s = 0; s < SHARDS; s++) {
                files.add(FileChannel.open(dir.resolve("shard-" + s), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
            }
            flusher.scheduleWithFixedDelay(() -> {
                for (FileChannel f : files) {
                    try {
                        f.force(false);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                FileChannel ch = files.get(s);
                ByteBuffer batch = ByteBuffer.allocate(batchBytes(recordSize, keys(s)));
                new Random(s).nextBytes(batch.array());
                tasks.add(() -> {
                    long pos = 0;
                    for (long b = 0; b < batches; b++) {
                        batch.clear();
                        while (batch.hasRemaining()) {
                            pos += ch.write(batch, pos);
                        }
                    }
                    return pos;
                });
            }
            long start = System.nanoTime();
            long cpu = cpuNow();
            long disk = 0;
            for (Future<Long> f : writers.invokeAll(tasks)) {
                disk += f.get();
            }
            for (FileChannel f : files) {
                f.force(false); // timed: the run ends when every byte is on disk
            }
            long nanos = System.nanoTime() - start;
            return new Throughput(batches * SHARDS * BATCH * recordSize, disk, nanos, cpuNow() - cpu);
        } finally {
            writers.shutdownNow();
            flusher.shutdownNow();
            flusher.awaitTermination(10, TimeUnit.SECONDS);
            for (FileChannel f : files) {
                f.close();
            }
            Directories.deleteTree(dir);
        }
    }

    private static long batchesPerShard(int recordSize, long payloadBytes) {
        return Math.max(1, payloadBytes / ((long) recordSize * BATCH * SHARDS));
    }

    // ------------------------------------------------------------------ engine path

    private static Throughput engine(Path root, int recordSize, long payloadBytes) throws Exception {
        Path dir = root.resolve("engine");
        long batches = batchesPerShard(recordSize, payloadBytes);
        EngineConfig config = EngineConfig.defaults(dir)
                .withLimits(ThroughputLimits.OFF)
                .withLog(LogConfig.defaults().withFsyncInterval(Duration.ofMillis(FLUSH_MS)))
                .withMaintenanceInterval(Duration.ZERO);
        ExecutorService writers = Executors.newFixedThreadPool(SHARDS);
        long nanos;
        long cpuNanos;
        StreamEngine engine = StreamEngine.open(config);
        try {
            engine.createStream("bench", SHARDS, StreamMode.PROVISIONED, Map.of());
            StreamRef stream = StreamRef.named("bench");
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                String hashKey = HASH_SPACE.divide(BigInteger.valueOf(SHARDS)).multiply(BigInteger.valueOf(s)).add(BigInteger.ONE).toString();
                List<PutRecordsEntry> entries = new ArrayList<>(BATCH);
                for (String key : keys(s)) {
                    entries.add(new PutRecordsEntry(key, payload(recordSize, key.hashCode()), hashKey));
                }
                tasks.add(() -> {
                    for (long b = 0; b < batches; b++) {
                        PutRecordsResult r = engine.putRecords(stream, entries);
                        if (r.failedRecordCount() != 0) {
                            throw new IllegalStateException("PutRecords failed: " + r.records().get(0));
                        }
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            long cpu = cpuNow();
            for (Future<Void> f : writers.invokeAll(tasks)) {
                f.get();
            }
            engine.close(); // timed: the run ends when every byte is on disk (close forces the logs)
            nanos = System.nanoTime() - start;
            cpuNanos = cpuNow() - cpu;
        } finally {
            writers.shutdownNow();
            engine.close();
        }
        long disk = sizeOf(dir, LogFileNames.LOG_SUFFIX);
        Directories.deleteTree(dir);
        return new Throughput(batches * SHARDS * BATCH * recordSize, disk, nanos, cpuNanos);
    }

    // ------------------------------------------------------------------ shard log straight

    /**
     * Appends straight to four shard logs in {@code dir}; the logs are never closed (an unclean stop), and
     * {@code delete} removes them afterwards.
     */
    private static Throughput direct(Path dir, int recordSize, long payloadBytes, boolean delete) throws Exception {
        long batches = batchesPerShard(recordSize, payloadBytes);
        ExecutorService writers = Executors.newFixedThreadPool(SHARDS);
        LogRuntime runtime = new LogRuntime(LogConfig.defaults().withFsyncInterval(Duration.ofMillis(FLUSH_MS)));
        long nanos;
        long cpuNanos;
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                ShardLog log = ShardLog.open(dir.resolve("shard-" + s), runtime);
                List<LogEntry> entries = new ArrayList<>(BATCH);
                for (String key : keys(s)) {
                    entries.add(new LogEntry(System.currentTimeMillis(), key, payload(recordSize, key.hashCode())));
                }
                tasks.add(() -> {
                    for (long b = 0; b < batches; b++) {
                        log.append(entries);
                    }
                    log.flush();
                    return null;
                });
            }
            long start = System.nanoTime();
            long cpu = cpuNow();
            for (Future<Void> f : writers.invokeAll(tasks)) {
                f.get(); // each task ends with log.flush(): every byte is on disk
            }
            nanos = System.nanoTime() - start;
            cpuNanos = cpuNow() - cpu;
        } finally {
            writers.shutdownNow();
            // The logs are deliberately never closed: this is the unclean stop recover() measures.
            runtime.close();
        }
        Throughput t = new Throughput(batches * SHARDS * BATCH * recordSize, sizeOf(dir, LogFileNames.LOG_SUFFIX), nanos, cpuNanos);
        if (delete) {
            Directories.deleteTree(dir);
        }
        return t;
    }

    /** Reopens the four logs after an unclean stop and returns the seconds it took; leaves them stopped uncleanly. */
    private static double recover(Path dir, boolean deleteIndexes) throws IOException {
        if (deleteIndexes) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(LogFileNames.INDEX_SUFFIX) || n.endsWith(LogFileNames.TIME_INDEX_SUFFIX)
                            || n.equals(LogFileNames.CLEAN_SHUTDOWN_FILE)) {
                        Files.delete(p);
                    }
                }
            }
        }
        LogRuntime runtime = new LogRuntime(LogConfig.defaults());
        try {
            long start = System.nanoTime();
            List<ShardLog> logs = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                logs.add(ShardLog.open(dir.resolve("shard-" + s), runtime));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            RecoveryReport r = logs.get(0).recovery();
            System.out.printf(Locale.ROOT, "  recovery of shard-0%s: %s%n", deleteIndexes ? " (indexes deleted)" : "", r);
            return seconds;
        } finally {
            runtime.close();
        }
    }

    private static Throughput read(Path dir) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(SHARDS);
        try (LogRuntime runtime = new LogRuntime(LogConfig.defaults())) {
            List<ShardLog> logs = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                logs.add(ShardLog.open(dir.resolve("shard-" + s), runtime));
            }
            List<Callable<Long>> tasks = new ArrayList<>();
            for (ShardLog log : logs) {
                tasks.add(() -> {
                    long payload = 0;
                    long next = log.startOffset();
                    while (next < log.endOffset()) {
                        LogReadResult r = log.read(next, 10_000, 10 * MIB);
                        for (var record : r.records()) {
                            payload += record.data().length;
                        }
                        next = r.nextOffset();
                    }
                    return payload;
                });
            }
            long start = System.nanoTime();
            long cpu = cpuNow();
            long payload = 0;
            for (Future<Long> f : readers.invokeAll(tasks)) {
                payload += f.get();
            }
            long nanos = System.nanoTime() - start;
            long cpuNanos = cpuNow() - cpu;
            for (ShardLog log : logs) {
                log.close();
            }
            return new Throughput(payload, payload, nanos, cpuNanos);
        } finally {
            readers.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ files

    private static long sizeOf(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
