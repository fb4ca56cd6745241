package io.sluice.core.seq;

import java.nio.charset.StandardCharsets;

/**
 * The sequence numbers of one shard of one stream, for the read and write paths that encode one per record.
 *
 * <p>Every number of a shard shares its first 26 digits (version, stream creation time, shard index), so they
 * are formatted once here and each {@link #encode(long)} only writes the 19 offset digits. The text is exactly
 * {@code new SequenceNumber(streamCreatedMs, shardIndex, offset).encode()}. Appends and reads go offset after
 * offset, so the next offset's digits are the last one's plus one, carried in place, rather than 19 divisions.
 *
 * <p>Not thread-safe: it formats into one reusable buffer (the {@code String} copies it anyway), so make one per
 * append or read, on the thread doing it.
 */
public final class ShardSequenceNumbers {

    private final byte[] text; // the shard's 26-digit prefix, then the offset digits of the last number encoded
    private long lastOffset = -2; // no number encoded yet: the first is formatted in full

    public ShardSequenceNumbers(long streamCreatedMs, long shardIndex) {
        this.text = new SequenceNumber(streamCreatedMs, shardIndex, 0).encode().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The sequence number of the record at {@code offset} in this shard. */
    public String encode(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (offset == lastOffset + 1) {
            incrementOffsetDigits();
        } else {
            SequenceNumber.putDigits(text, SequenceNumber.LENGTH, SequenceNumber.LENGTH - SequenceNumber.OFFSET_START,
                    offset);
        }
        lastOffset = offset;
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** Adds one to the offset digits (never all nines: offsets stay below 10^19, a long's reach). */
    private void incrementOffsetDigits() {
        int i = SequenceNumber.LENGTH - 1;
        while (text[i] == '9') {
            text[i--] = '0';
        }
        text[i]++;
    }
}
