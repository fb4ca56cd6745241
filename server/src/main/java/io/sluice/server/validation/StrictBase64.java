package io.sluice.server.validation;

import java.util.Arrays;

/**
 * Decodes base64 text straight from a character buffer (the JSON parser's own), in the one form AWS takes: the
 * standard alphabet, a length that is a multiple of four, at most two {@code =} at the end, and zero bits where the
 * padding leaves some unused. Anything else is refused with null, without saying why: the caller then takes the
 * slow path, whose error names the reason in AWS's words ({@link TypeChecker}). Stateless.
 */
final class StrictBase64 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** Each character's 6-bit value; -1 for characters outside the alphabet (and for {@code =}). */
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private StrictBase64() {
    }

    /** The bytes {@code text[offset, offset + length)} encode, or null when it is not base64 as AWS takes it. */
    static byte[] decode(char[] text, int offset, int length) {
        if (length % 4 != 0) {
            return null;
        }
        int padding = length == 0 ? 0 : text[offset + length - 1] != '=' ? 0 : text[offset + length - 2] != '=' ? 1 : 2;
        byte[] out = new byte[length / 4 * 3 - padding];
        int end = offset + length - (padding == 0 ? 0 : 4); // the last quad, if padded, is decoded apart
        int o = 0;
        for (int i = offset; i < end; i += 4) {
            int bits = value(text[i]) << 18 | value(text[i + 1]) << 12 | value(text[i + 2]) << 6 | value(text[i + 3]);
            if (bits < 0) {
                return null; // a value of -1 sets every bit
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (padding == 0) {
            return out;
        }
        int a = value(text[end]);
        int b = value(text[end + 1]);
        int c = padding == 1 ? value(text[end + 2]) : 0;
        if ((a | b | c) < 0 || (padding == 2 ? b & 0b1111 : c & 0b11) != 0) {
            return null; // outside the alphabet, or bits the padding leaves unused are set (AWS refuses "AB==")
        }
        out[o++] = (byte) (a << 2 | b >> 4);
        if (padding == 1) {
            out[o] = (byte) (b << 4 | c >> 2);
        }
        return out;
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
