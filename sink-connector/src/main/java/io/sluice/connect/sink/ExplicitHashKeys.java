package io.sluice.connect.sink;

import java.math.BigInteger;

/**
 * Explicit hash keys that spread Kafka partitions evenly over Kinesis's 128-bit hash key space: partition p of n
 * gets the midpoint of the p-th of n equal slices, {@code floor((2p + 1) * 2^128 / 2n)}. A stream created with
 * {@code s >= n} shards splits the space into s equal ranges, each narrower than a slice, so distinct partitions
 * land on distinct shards; with fewer shards they spread as evenly as the shards allow. Partitions beyond n wrap
 * around ({@code p mod n}). Immutable and thread-safe.
 */
final class ExplicitHashKeys {

    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

    private final String[] keys;

    ExplicitHashKeys(int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, got " + slices);
        }
        keys = new String[slices];
        BigInteger twoN = BigInteger.valueOf(2L * slices);
        for (int p = 0; p < slices; p++) {
            keys[p] = BigInteger.valueOf(2L * p + 1).multiply(HASH_SPACE).divide(twoN).toString();
        }
    }

    /** The explicit hash key, in decimal, of Kafka partition {@code partition}. */
    String forPartition(int partition) {
        return keys[Math.floorMod(partition, keys.length)];
    }
}
