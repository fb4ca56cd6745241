package io.sluice.core.engine;

import io.sluice.core.crypto.TruncatedHmac;
import io.sluice.core.error.ExpiredNextTokenException;
import io.sluice.core.error.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Signed, expiring pagination tokens (ListShards, ListStreamConsumers). A token carries an opaque payload
 * string and its issue time; it is valid for {@code ttlMs}.
 *
 * <p>Format before base64: {@code issuedAtMs i64 | payload UTF-8 | HMAC-SHA256 (16 bytes)}. Thread-safe.
 */
public final class PageTokens {

    private static final int MAC_BYTES = 16;

    private final TruncatedHmac hmac;
    private final Clock clock;
    private final long ttlMs;

    public PageTokens(byte[] key, Clock clock, long ttlMs) {
        this.hmac = new TruncatedHmac(key, MAC_BYTES);
        this.clock = clock;
        this.ttlMs = ttlMs;
    }

    public String issue(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + body.length + MAC_BYTES);
        buf.putLong(clock.millis()).put(body);
        buf.put(hmac.sign(buf.array(), 8 + body.length));
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /** The payload of a valid token; InvalidArgumentException when forged or malformed, Expired... when old. */
    public String open(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
        if (bytes.length < 8 + MAC_BYTES) {
            throw invalid(token);
        }
        int bodyEnd = bytes.length - MAC_BYTES;
        if (!hmac.isSigned(bytes, bodyEnd)) {
            throw invalid(token);
        }
        long issuedAt = ByteBuffer.wrap(bytes).getLong();
        long now = clock.millis();
        if (now - issuedAt > ttlMs) {
            throw new ExpiredNextTokenException("The NextToken has expired: it was issued at " + issuedAt
                    + " ms and is valid for " + ttlMs / 1000 + " seconds; list again without a NextToken.");
        }
        return new String(bytes, 8, bodyEnd - 8, StandardCharsets.UTF_8);
    }

    private static InvalidArgumentException invalid(String token) {
        return new InvalidArgumentException("Invalid NextToken: " + token);
    }
}
