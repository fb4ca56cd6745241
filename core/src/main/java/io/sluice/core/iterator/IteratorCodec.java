package io.sluice.core.iterator;

import io.sluice.core.crypto.TruncatedHmac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns a {@link ShardPosition} into an opaque, forge-proof shard iterator string and back.
 *
 * <p>Format (before base64, big-endian):
 * <pre>
 *   version        u8   = 1
 *   issuedAtMs     i64
 *   streamCreated  i64
 *   shardIndex     i32
 *   offset         i64
 *   nameLength     u8   (stream names are 1..128 ASCII characters)
 *   name           nameLength bytes, US-ASCII
 *   mac            20 bytes: the first 20 bytes of HMAC-SHA256(key, all bytes above)
 * </pre>
 * Encoded with standard base64: at most 4 * ceil(178 / 3) = 240 characters, within Kinesis's 512. A changed
 * byte, a truncation or a key from another data directory makes {@link #decode} return empty. The key is
 * created once per data directory and persisted, so iterators survive restarts.
 *
 * <p>Thread-safe, as {@link TruncatedHmac} is.
 */
public final class IteratorCodec {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 20;
    private static final int FIXED = 1 + 8 + 8 + 4 + 8 + 1;

    private final TruncatedHmac hmac;

    public IteratorCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("iterator key must be at least 16 bytes");
        }
        this.hmac = new TruncatedHmac(key, MAC_BYTES);
    }

    public String encode(ShardPosition position) {
        byte[] name = position.streamName().getBytes(StandardCharsets.US_ASCII);
        if (name.length > 255) {
            throw new IllegalArgumentException("stream name too long for an iterator: " + name.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(FIXED + name.length + MAC_BYTES);
        buf.put(VERSION).putLong(position.issuedAtMs()).putLong(position.streamCreatedMs())
                .putInt(position.shardIndex()).putLong(position.offset()).put((byte) name.length).put(name);
        buf.put(hmac.sign(buf.array(), FIXED + name.length));
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /** The position an iterator encodes; empty when it is malformed or was not issued with this key. */
    public Optional<ShardPosition> decode(String iterator) {
        if (iterator == null || iterator.length() > 512) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(iterator);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < FIXED + 1 + MAC_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        int nameLength = bytes[FIXED - 1] & 0xff;
        int bodyLength = FIXED + nameLength;
        if (bytes.length != bodyLength + MAC_BYTES) {
            return Optional.empty();
        }
        if (!hmac.isSigned(bytes, bodyLength)) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 1, bodyLength - 1);
        long issuedAt = buf.getLong();
        long created = buf.getLong();
        int shardIndex = buf.getInt();
        long offset = buf.getLong();
        buf.get();
        String name = new String(bytes, FIXED, nameLength, StandardCharsets.US_ASCII);
        if (shardIndex < 0 || offset < 0) {
            return Optional.empty();
        }
        return Optional.of(new ShardPosition(name, created, shardIndex, offset, issuedAt));
    }
}
