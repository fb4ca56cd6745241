package io.sluice.core.seq;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A Kinesis sequence number and the position it encodes.
 *
 * <p>Format: a fixed-width string of 45 decimal digits, {@code V EEEEEEEEEEEEE SSSSSSSSSSSS OOOOOOOOOOOOOOOOOOO}:
 * <ul>
 *   <li>{@code V} (1 digit): format version, {@code 4};</li>
 *   <li>{@code E} (13 digits): the stream's creation time in epoch milliseconds, so numbers of a deleted and
 *       re-created stream of the same name are told apart;</li>
 *   <li>{@code S} (12 digits): the shard index ({@code shardId-%012d});</li>
 *   <li>{@code O} (19 digits): the record's offset in the shard's log.</li>
 * </ul>
 * Consequences: numbers compare the same as decimals and as strings; they are strictly increasing within a
 * shard (offsets are); every number of a child shard is greater than every number of its parents (children get
 * higher shard indexes, and the index is more significant than the offset); and the engine finds a record from
 * its number alone (shard index + offset), no lookup table. {@link #ENDING_OFFSET} ({@code Long.MAX_VALUE})
 * encodes a closed shard's {@code EndingSequenceNumber}, above every record of the shard.
 *
 * <p>{@link #BEFORE_FIRST} ({@code -1}) is the position before a shard's first record, written with version
 * {@code 3} and zero offset digits, so it sorts below every number of the shard. Enhanced fan-out needs it: every
 * event carries a continuation number a client resubscribes after, also before anything was delivered.
 *
 * @param streamCreatedMs the stream's creation time, epoch ms (13 digits)
 * @param shardIndex      the shard's index
 * @param offset          the record's log offset
 */
public record SequenceNumber(long streamCreatedMs, long shardIndex, long offset) implements Comparable<SequenceNumber> {

    public static final int LENGTH = 45;
    public static final long ENDING_OFFSET = Long.MAX_VALUE;
    public static final long BEFORE_FIRST = -1;
    private static final char VERSION = '4';
    private static final char VERSION_BEFORE_FIRST = '3';
    private static final int CREATED_DIGITS = 13;
    private static final int SHARD_DIGITS = 12;
    /** Where the offset digits start: everything before is the same for all numbers of one shard. */
    static final int OFFSET_START = 1 + CREATED_DIGITS + SHARD_DIGITS;

    public SequenceNumber {
        if (streamCreatedMs < 0 || streamCreatedMs > 9_999_999_999_999L) {
            throw new IllegalArgumentException("stream creation time out of range: " + streamCreatedMs);
        }
        if (shardIndex < 0 || shardIndex > 999_999_999_999L) {
            throw new IllegalArgumentException("shard index out of range: " + shardIndex);
        }
        if (offset < BEFORE_FIRST) {
            throw new IllegalArgumentException("offset must be >= -1, got " + offset);
        }
    }

    /** The decimal string form. */
    public String encode() {
        byte[] text = new byte[LENGTH];
        text[0] = offset == BEFORE_FIRST ? (byte) VERSION_BEFORE_FIRST : (byte) VERSION;
        putDigits(text, OFFSET_START - SHARD_DIGITS, CREATED_DIGITS, streamCreatedMs);
        putDigits(text, OFFSET_START, SHARD_DIGITS, shardIndex);
        putDigits(text, LENGTH, LENGTH - OFFSET_START, Math.max(offset, 0));
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@code value} (non-negative, at most {@code width} digits) as {@code width} zero-padded decimal
     * digits ending just before {@code end}. By hand rather than {@code String.format}, which parses its pattern
     * and builds a {@code Formatter} per call: every record written or read gets a number.
     */
    static void putDigits(byte[] text, int end, int width, long value) {
        long rest = value;
        for (int i = end - 1; i >= end - width; i--) {
            text[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** Parses a number produced by {@link #encode()}; empty for anything else. */
    public static Optional<SequenceNumber> decode(String text) {
        if (text == null || text.length() != LENGTH
                || (text.charAt(0) != VERSION && text.charAt(0) != VERSION_BEFORE_FIRST)) {
            return Optional.empty();
        }
        for (int i = 1; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        try {
            long offset = Long.parseLong(text.substring(26, 45));
            if (text.charAt(0) == VERSION_BEFORE_FIRST) {
                if (offset != 0) {
                    return Optional.empty();
                }
                offset = BEFORE_FIRST;
            }
            return Optional.of(new SequenceNumber(
                    Long.parseLong(text.substring(1, 14)),
                    Long.parseLong(text.substring(14, 26)),
                    offset));
        } catch (NumberFormatException e) {
            return Optional.empty(); // offset digits above Long.MAX_VALUE
        }
    }

    public BigInteger toBigInteger() {
        return new BigInteger(encode());
    }

    /** The order of {@link #encode()}'d strings (fixed-width fields, most significant first) without encoding. */
    @Override
    public int compareTo(SequenceNumber o) {
        int c = Long.compare(streamCreatedMs, o.streamCreatedMs);
        if (c == 0) {
            c = Long.compare(shardIndex, o.shardIndex);
        }
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return encode();
    }
}
