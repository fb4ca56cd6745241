package io.sluice.core.engine;

/**
 * UTF-8 sizes without encoding. Kinesis limits count partition keys in UTF-8 bytes, and PutRecords checks them
 * per entry; {@code getBytes(UTF_8).length} would allocate a copy of every key just to measure it. Stateless.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * {@code s.getBytes(StandardCharsets.UTF_8).length}: 1 byte below U+0080, 2 below U+0800, 4 for a surrogate
     * pair, 3 otherwise; an unpaired surrogate counts 1, as the encoder replaces it with {@code '?'}.
     */
    static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // 4 bytes for the two chars of the pair
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }
}
