package io.sluice.core.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, truncated to its first {@code length} bytes: the signature that makes the opaque
 * strings Sluice hands out (shard iterators, NextTokens) forge-proof. The signature follows the signed bytes.
 *
 * <p>Thread-safe: a {@link Mac} is created per call (cheap relative to the request it signs).
 */
public final class TruncatedHmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final int length;

    /** Signs with {@code key}, keeping the first {@code length} (1..32) bytes of each HMAC. */
    public TruncatedHmac(byte[] key, int length) {
        if (length < 1 || length > 32) {
            throw new IllegalArgumentException("an HMAC-SHA256 has 32 bytes; cannot keep " + length);
        }
        this.key = key.clone();
        this.length = length;
    }

    /** The signature of {@code bytes[0, bodyLength)}: {@code length} bytes. */
    public byte[] sign(byte[] bytes, int bodyLength) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update(bytes, 0, bodyLength);
            return Arrays.copyOf(mac.doFinal(), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides " + ALGORITHM, e);
        }
    }

    /**
     * Whether everything after {@code bytes[0, bodyLength)} is exactly the signature of those bytes; compared in
     * constant time, so the comparison reveals nothing about a forged signature.
     */
    public boolean isSigned(byte[] bytes, int bodyLength) {
        return MessageDigest.isEqual(sign(bytes, bodyLength), Arrays.copyOfRange(bytes, bodyLength, bytes.length));
    }
}
