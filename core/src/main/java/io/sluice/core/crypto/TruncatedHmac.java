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
 * <p>Thread-safe: each thread keeps its own {@link Mac}, set up with the key once — looking up the algorithm's
 * provider and initialising a Mac cost more than signing a 60-byte iterator, and every GetRecords signs one.
 */
public final class TruncatedHmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final int length;
    private final ThreadLocal<Mac> macs;

    /** Signs with {@code key}, keeping the first {@code length} (1..32) bytes of each HMAC. */
    public TruncatedHmac(byte[] key, int length) {
        if (length < 1 || length > 32) {
            throw new IllegalArgumentException("an HMAC-SHA256 has 32 bytes; cannot keep " + length);
        }
        this.length = length;
        SecretKeySpec secret = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JVM provides " + ALGORITHM, e);
            }
        });
    }

    /** The signature of {@code bytes[0, bodyLength)}: {@code length} bytes. */
    public byte[] sign(byte[] bytes, int bodyLength) {
        Mac mac = macs.get(); // doFinal leaves it reset, ready for the next signature under the same key
        mac.update(bytes, 0, bodyLength);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    /**
     * Whether everything after {@code bytes[0, bodyLength)} is exactly the signature of those bytes; compared in
     * constant time, so the comparison reveals nothing about a forged signature.
     */
    public boolean isSigned(byte[] bytes, int bodyLength) {
        return MessageDigest.isEqual(sign(bytes, bodyLength), Arrays.copyOfRange(bytes, bodyLength, bytes.length));
    }
}
