package io.sluice.core.hash;

import java.math.BigInteger;

/**
 * A 128-bit hash key as two longs: {@code high} holds bits 127..64, {@code low} bits 63..0, both read unsigned.
 * The write path routes every record by one, so it is two longs rather than a {@link BigInteger} (which costs an
 * {@code int[]} and a slow parse or construction per record); {@link #toBigInteger()} and {@link #of(BigInteger)}
 * convert at the edges. Immutable.
 *
 * @param high bits 127..64 of the key, unsigned
 * @param low  bits 63..0 of the key, unsigned
 */
public record HashKey(long high, long low) implements Comparable<HashKey> {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final int CHUNK_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = new long[CHUNK_DIGITS + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i <= CHUNK_DIGITS; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** The key equal to {@code key}, which must lie in {@code [0, 2^128 - 1]}. */
    public static HashKey of(BigInteger key) {
        if (key.signum() < 0 || key.bitLength() > 128) {
            throw new IllegalArgumentException("not a 128-bit hash key: " + key);
        }
        return new HashKey(key.shiftRight(64).longValue(), key.longValue());
    }

    /**
     * Parses 1..39 decimal digits (leading zeros allowed) into a key; null when the text is anything else or the
     * value is above {@code 2^128 - 1}. Null rather than {@code Optional} because PutRecords parses one per entry.
     */
    public static HashKey parseDecimal(String text) {
        if (text == null || text.isEmpty() || text.length() > 39) {
            return null;
        }
        // Up to 18 digits at a time fit a long, so a 39-digit key is three 128-bit multiply-adds, not 39.
        long high = 0;
        long low = 0;
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + CHUNK_DIGITS);
            long scale = POWERS_OF_TEN[end - i];
            long chunk = 0;
            for (; i < end; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return null;
                }
                chunk = chunk * 10 + digit;
            }
            // (high, low) = (high, low) * scale + chunk in unsigned 128-bit arithmetic, failing past 2^128 - 1.
            if (unsignedMultiplyHigh(high, scale) != 0) {
                return null;
            }
            long highTimesScale = high * scale;
            long newHigh = highTimesScale + unsignedMultiplyHigh(low, scale);
            if (Long.compareUnsigned(newHigh, highTimesScale) < 0) {
                return null;
            }
            long lowTimesScale = low * scale;
            long newLow = lowTimesScale + chunk;
            if (Long.compareUnsigned(newLow, lowTimesScale) < 0) { // the chunk carried into the high half
                if (newHigh == -1L) {
                    return null;
                }
                newHigh++;
            }
            high = newHigh;
            low = newLow;
        }
        return new HashKey(high, low);
    }

    /** The high 64 bits of the unsigned 128-bit product {@code a * b}, for {@code 0 <= b < 2^63}. */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b); // Math.unsignedMultiplyHigh needs Java 18
    }

    public BigInteger toBigInteger() {
        BigInteger h = BigInteger.valueOf(high);
        BigInteger l = BigInteger.valueOf(low);
        return (high < 0 ? h.add(TWO_64) : h).shiftLeft(64).add(low < 0 ? l.add(TWO_64) : l);
    }

    /** Unsigned numeric order, the same as {@link BigInteger#compareTo} on {@link #toBigInteger()}. */
    @Override
    public int compareTo(HashKey o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }
}
