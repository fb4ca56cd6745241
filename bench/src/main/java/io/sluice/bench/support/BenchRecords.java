package io.sluice.bench.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The records the connector benchmarks move: {@code count} records of {@link #RECORD_BYTES} random bytes, each with one of
 * 1 000 partition keys, the same for a given seed so a benchmark and its baseline move identical records.
 */
public record BenchRecords(List<String> partitionKeys, List<byte[]> data) {

    public static final int RECORD_BYTES = 1024;

    public static BenchRecords generate(int count, long seed) {
        return generate(count, seed, 1000);
    }

    public static BenchRecords generate(int count, long seed, int keyCount) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> keys = new ArrayList<>(count);
        List<byte[]> data = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add("pk-" + random.nextInt(keyCount));
            byte[] bytes = new byte[RECORD_BYTES];
            random.nextBytes(bytes);
            data.add(bytes);
        }
        return new BenchRecords(List.copyOf(keys), List.copyOf(data));
    }

    public int size() {
        return data.size();
    }

    public byte[] keyBytes(int i) {
        return partitionKeys.get(i).getBytes(StandardCharsets.UTF_8);
    }
}
