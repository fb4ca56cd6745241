package io.sluice.core.stream;

import java.util.OptionalInt;

/** Kinesis shard ids: {@code shardId-} followed by the shard index zero-padded to 12 digits. Stateless. */
public final class ShardIds {

    private static final String PREFIX = "shardId-";

    private ShardIds() {
    }

    /** {@code shardId-} and the index zero-padded to 12 digits (a negative index keeps its sign, as {@code %012d}). */
    public static String format(int index) {
        if (index < 0) {
            return String.format("%s%012d", PREFIX, index); // never a real shard; kept identical to the old output
        }
        // String.format parses its pattern and builds a Formatter on every call: too slow for a per-request id.
        String digits = Integer.toString(index);
        return PREFIX + "0".repeat(12 - digits.length()) + digits;
    }

    /**
     * The index a shard id names. Like Kinesis, accepts a bare number or any {@code <prefix>-<number>} form
     * ({@code 1}, {@code shardId-1}, {@code shardId-000000000001}); empty when it names no index.
     */
    public static OptionalInt parse(String shardId) {
        if (shardId == null) {
            return OptionalInt.empty();
        }
        int dash = shardId.lastIndexOf('-');
        String digits = dash >= 0 ? shardId.substring(dash + 1) : shardId;
        if (digits.isEmpty() || digits.length() > 12) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        long value = Long.parseLong(digits);
        return value <= Integer.MAX_VALUE ? OptionalInt.of((int) value) : OptionalInt.empty();
    }
}
