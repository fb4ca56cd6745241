package io.sluice.core.storage;

/**
 * Where an append landed: the offset of each entry and the arrival time recorded with them.
 *
 * @param firstOffset the first entry's offset
 * @param offsets     each entry's offset, or null when they are consecutive from {@code firstOffset} (a log of its
 *                    own; the common case costs no array)
 * @param timestampMs the arrival time recorded (the first entry's, where entries differ)
 */
public record Appended(long firstOffset, long[] offsets, long timestampMs) {

    public static Appended consecutive(long firstOffset, long timestampMs) {
        return new Appended(firstOffset, null, timestampMs);
    }

    /** The offset of entry {@code i}. */
    public long offset(int i) {
        return offsets == null ? firstOffset + i : offsets[i];
    }
}
