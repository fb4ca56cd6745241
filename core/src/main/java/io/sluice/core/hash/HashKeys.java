package io.sluice.core.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 128-bit hash key space of Kinesis: partition keys hash to the MD5 of their UTF-8 bytes read as an unsigned
 * big-endian integer; {@code CreateStream} with {@code n} shards cuts the space into {@code n} ranges of width
 * {@code floor(2^128 / n)}, the last one ending at {@code 2^128 - 1}. Thread-safe (one MD5 digest per thread).
 */
public final class HashKeys {

    /** {@code 2^128 - 1}, the largest hash key. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);

    // MessageDigest.getInstance walks the security providers on every call; a digest per thread avoids that on the
    // write path (digest() resets it, so it is always ready for the next key).
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides MD5", e);
        }
    });
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private HashKeys() {
    }

    /** The hash key of a partition key. */
    public static BigInteger hashOf(String partitionKey) {
        return keyOf(partitionKey).toBigInteger();
    }

    /** The hash key of a partition key, as the write path routes by it. */
    public static HashKey keyOf(String partitionKey) {
        byte[] digest = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
        return new HashKey((long) BIG_ENDIAN_LONG.get(digest, 0), (long) BIG_ENDIAN_LONG.get(digest, 8));
    }

    /**
     * Parses an {@code ExplicitHashKey}; empty when it is not a decimal number in {@code [0, 2^128 - 1]}.
     */
    public static Optional<BigInteger> parseExplicit(String explicitHashKey) {
        return Optional.ofNullable(HashKey.parseDecimal(explicitHashKey)).map(HashKey::toBigInteger);
    }

    /** The ranges Kinesis gives the {@code count} shards of a new stream, in order. */
    public static List<HashKeyRange> uniformRanges(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be positive, got " + count);
        }
        BigInteger width = SPACE.divide(BigInteger.valueOf(count));
        List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? MAX : start.add(width).subtract(BigInteger.ONE);
            ranges.add(new HashKeyRange(start, end));
        }
        return ranges;
    }
}
