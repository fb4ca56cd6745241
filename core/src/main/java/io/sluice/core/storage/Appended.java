package io.sluice.core.storage;

import java.util.Arrays;

/**
 * Where an append landed: the offset of each entry and the arrival time recorded with them.
 *
 * @param firstOffset the first entry's offset
 * @param offsets     each entry's offset, or null when they are consecutive from {@code firstOffset} (a log of its
 *                    own; the common case costs no array)
 * @param count       how many entries landed (the first {@code count} of those appended)
 * @param timestampMs the arrival time recorded (the first entry's, where entries differ)
 */
public record Appended(long firstOffset, long[] offsets, int count, long timestampMs) {

    public static Appended consecutive(long firstOffset, int count, long timestampMs) {
        return new Appended(firstOffset, null, count, timestampMs);
    }

    public static Appended at(long[] offsets, long timestampMs) {
        return new Appended(offsets[0], offsets, offsets.length, timestampMs);
    }

    /** The offset of entry {@code i}. */
    public long offset(int i) {
        return offsets == null ? firstOffset + i : offsets[i];
    }

    /** How many entries lie before {@code endOffset}. */
    public int countBefore(long endOffset) {
        int n = 0;
        while (n < count && offset(n) < endOffset) {
            n++;
        }
        return n;
    }

    /** The first {@code n} entries only. */
    public Appended firstOf(int n) {
        return new Appended(firstOffset, offsets == null ? null : Arrays.copyOf(offsets, n), n, timestampMs);
    }
}
