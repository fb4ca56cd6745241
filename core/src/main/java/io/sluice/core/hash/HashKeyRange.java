package io.sluice.core.hash;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An inclusive range {@code [start, end]} of 128-bit hash keys, as Kinesis's {@code HashKeyRange}. Immutable.
 */
public record HashKeyRange(BigInteger start, BigInteger end) {

    public HashKeyRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.signum() < 0 || end.compareTo(HashKeys.MAX) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("invalid hash key range [" + start + ", " + end + "]");
        }
    }

    public boolean contains(BigInteger hashKey) {
        return start.compareTo(hashKey) <= 0 && hashKey.compareTo(end) <= 0;
    }

    /** True when {@code other} starts right after this range ends, or ends right before it starts. */
    public boolean isAdjacentTo(HashKeyRange other) {
        return isFollowedBy(other) || other.isFollowedBy(this);
    }

    /** True when {@code next} starts right after this range ends. */
    public boolean isFollowedBy(HashKeyRange next) {
        return end.add(BigInteger.ONE).equals(next.start);
    }

    /** The union of two adjacent ranges. */
    public HashKeyRange mergeWith(HashKeyRange other) {
        if (!isAdjacentTo(other)) {
            throw new IllegalArgumentException(this + " and " + other + " are not adjacent");
        }
        return new HashKeyRange(start.min(other.start), end.max(other.end));
    }
}
