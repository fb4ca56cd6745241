package io.sluice.server.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM's glob: {@code *} matches any run of characters, {@code ?} any single one; everything else is literal.
 *
 * <p>Matched without backtracking, so a hostile pair (a policy with thousands of {@code *}, a megabyte of text)
 * costs time linear in the text. The glob is cut at its stars into segments; the first segment must start the
 * text, the last must end it, and each one between is taken at its leftmost occurrence after the previous one
 * (leftmost is never worse: it leaves the most text for the segments after it). Finding a segment is a
 * bit-parallel scan (shift-and), which treats {@code ?} as a position any character satisfies: O(text length ×
 * ⌈segment length / 64⌉) per segment, each scan starting where the previous one stopped. Immutable and
 * thread-safe.
 */
final class Wildcard {

    private final String glob;
    private final boolean ignoreCase;
    private final boolean leadingStar;
    private final boolean trailingStar;
    private final List<Segment> segments;

    private Wildcard(String glob, boolean ignoreCase) {
        this.glob = glob;
        this.ignoreCase = ignoreCase;
        String folded = ignoreCase ? fold(glob) : glob;
        this.leadingStar = folded.startsWith("*");
        this.trailingStar = folded.endsWith("*");
        List<Segment> parts = new ArrayList<>();
        for (String part : folded.split("\\*+", -1)) {
            if (!part.isEmpty()) {
                parts.add(new Segment(part));
            }
        }
        this.segments = List.copyOf(parts);
    }

    /** Action names compare case-insensitively in IAM. */
    static Wildcard action(String glob) {
        return new Wildcard(glob, true);
    }

    /** ARNs compare case-sensitively. */
    static Wildcard resource(String glob) {
        return new Wildcard(glob, false);
    }

    String glob() {
        return glob;
    }

    boolean matches(String value) {
        String text = ignoreCase ? fold(value) : value;
        if (segments.isEmpty()) {
            return leadingStar || text.isEmpty(); // "*" matches anything, "" only the empty text
        }
        int from = 0;
        int to = text.length();
        int first = 0;
        int last = segments.size() - 1;
        if (!leadingStar) {
            Segment head = segments.get(0);
            if (!head.matchesAt(text, 0)) {
                return false;
            }
            from = head.length();
            first = 1;
        }
        if (!trailingStar && first <= last) {
            Segment tail = segments.get(last);
            int start = to - tail.length();
            if (start < from || !tail.matchesAt(text, start)) {
                return false;
            }
            to = start;
            last--;
        } else if (!trailingStar && from != to) {
            return false; // a glob without stars must cover the whole text
        }
        for (int i = first; i <= last; i++) {
            int end = segments.get(i).findEnd(text, from, to);
            if (end < 0) {
                return false;
            }
            from = end;
        }
        return true;
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** A run of literal characters and {@code ?} between two stars. */
    private static final class Segment {

        private final String pattern;
        private final long[] anyChar;               // bit i set where pattern[i] is '?'
        private final Map<Character, long[]> masks; // per character: bits where it (or '?') may stand

        Segment(String pattern) {
            this.pattern = pattern;
            int words = (pattern.length() + 63) / 64;
            this.anyChar = new long[words];
            for (int i = 0; i < pattern.length(); i++) {
                if (pattern.charAt(i) == '?') {
                    anyChar[i >>> 6] |= 1L << (i & 63);
                }
            }
            this.masks = new HashMap<>();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c != '?') {
                    masks.computeIfAbsent(c, k -> anyChar.clone())[i >>> 6] |= 1L << (i & 63);
                }
            }
        }

        int length() {
            return pattern.length();
        }

        boolean matchesAt(String text, int start) {
            if (start < 0 || start + pattern.length() > text.length()) {
                return false;
            }
            for (int i = 0; i < pattern.length(); i++) {
                char p = pattern.charAt(i);
                if (p != '?' && p != text.charAt(start + i)) {
                    return false;
                }
            }
            return true;
        }

        /** The end of the leftmost occurrence inside {@code text[from, to)}, or -1. */
        int findEnd(String text, int from, int to) {
            int words = anyChar.length;
            int lastBit = pattern.length() - 1;
            long[] state = new long[words]; // bit i: pattern[0..i] matches the text ending here
            for (int at = from; at < to; at++) {
                long[] mask = masks.getOrDefault(text.charAt(at), anyChar);
                long carry = 1; // a match may start at every position
                for (int w = 0; w < words; w++) {
                    long next = (state[w] << 1) | carry;
                    carry = state[w] >>> 63;
                    state[w] = next & mask[w];
                }
                if ((state[lastBit >>> 6] & (1L << (lastBit & 63))) != 0) {
                    return at + 1;
                }
            }
            return -1;
        }
    }
}
