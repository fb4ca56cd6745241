package io.sluice.pump.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code value LIKE pattern} without regular expressions, in time linear in the value: O(value length × pattern
 * length), whatever the pattern. The pattern is split at its {@code %} into segments of literal characters and
 * {@code _}; the first segment must match at the start, the last at the end, and each one between at its leftmost
 * place after the previous — taking the leftmost place never loses a match, because a later segment then has the
 * most room. So each segment is looked for once, from where the previous one ended, and there is no backtracking
 * to blow up ({@code '%a%b%c%d%'} over 40,000 characters takes one pass). Characters are Unicode code points:
 * {@code _} matches one, as in KDA. Immutable and thread-safe.
 */
final class LikeMatcher implements Predicate<String> {

    /** A segment element that matches any one code point ({@code _}). */
    private static final int ANY = -1;

    private final int[][] segments;

    private LikeMatcher(int[][] segments) {
        this.segments = segments;
    }

    /**
     * Parses a LIKE pattern. {@code escape} (or null) makes the next {@code %}, {@code _} or escape character
     * literal.
     *
     * @throws Patterns.BadPattern when the escape character ends the pattern or precedes another character
     */
    static LikeMatcher parse(String pattern, Character escape) {
        List<int[]> segments = new ArrayList<>();
        List<Integer> segment = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (escape != null && c == escape) {
                if (i >= pattern.length()) {
                    throw new Patterns.BadPattern("LIKE pattern " + Patterns.shown(pattern)
                            + " ends with its escape character");
                }
                int next = pattern.codePointAt(i);
                if (next != '%' && next != '_' && next != escape) {
                    throw new Patterns.BadPattern("in LIKE pattern " + Patterns.shown(pattern)
                            + " the escape character must precede %, _ or itself");
                }
                i += Character.charCount(next);
                segment.add(next);
            } else if (c == '%') {
                segments.add(toArray(segment));
                segment.clear();
            } else {
                segment.add(c == '_' ? ANY : c);
            }
        }
        segments.add(toArray(segment));
        return new LikeMatcher(segments.toArray(new int[0][]));
    }

    private static int[] toArray(List<Integer> codePoints) {
        return codePoints.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean test(String value) {
        int last = segments.length - 1;
        int end = matchAt(value, 0, segments[0]);
        if (last == 0 || end < 0) {
            return end == value.length();
        }
        for (int s = 1; s < last && end >= 0; s++) {
            end = findFrom(value, end, segments[s]);
        }
        return end >= 0 && endsWith(value, end, segments[last]);
    }

    /** Where {@code segment} ends when it matches at {@code from}, or -1. */
    private static int matchAt(String value, int from, int[] segment) {
        int i = from;
        for (int expected : segment) {
            if (i >= value.length()) {
                return -1;
            }
            int c = value.codePointAt(i);
            if (expected != ANY && expected != c) {
                return -1;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    /** Where the leftmost match of {@code segment} at or after {@code from} ends, or -1. */
    private static int findFrom(String value, int from, int[] segment) {
        for (int i = from; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int end = matchAt(value, i, segment);
            if (end >= 0) {
                return end;
            }
        }
        return segment.length == 0 ? from : -1;
    }

    /** Whether {@code segment} matches the end of {@code value} without starting before {@code from}. */
    private static boolean endsWith(String value, int from, int[] segment) {
        int start = value.length();
        for (int n = 0; n < segment.length; n++) {
            if (start <= from) {
                return false;
            }
            start -= Character.charCount(value.codePointBefore(start));
        }
        return start >= from && matchAt(value, start, segment) == value.length();
    }
}
