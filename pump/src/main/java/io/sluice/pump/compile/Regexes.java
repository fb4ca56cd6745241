package io.sluice.pump.compile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Regular expressions for record data, compiled by RE2/J: an automaton that matches in time linear in the input
 * (O(input length × program size)), never backtracking, so no pattern can make a record take exponential time.
 * Before RE2/J sees a pattern, its cost is bounded here, because RE2/J itself recurses on nested groups and
 * expands counted repetitions ({@code ((a{1000}){1000}){1000}} would be a billion instructions): at most
 * {@value #MAX_NESTING} nested groups and {@value #MAX_SIZE} elements once repetitions are expanded. The syntax is
 * RE2's (close to java.util.regex; no backreferences or lookaround). Stateless.
 */
final class Regexes {

    /** How deep groups may nest. */
    static final int MAX_NESTING = 100;
    /** How many elements (characters, classes, operators) a pattern may have once repetitions are expanded. */
    static final int MAX_SIZE = 1000;
    /** RE2's own bound on the counts of a repetition {@code {m,n}}. */
    static final int MAX_REPEAT = 1000;
    static final String TOO_LARGE = "too large: more than " + MAX_SIZE + " elements once repetitions are expanded";

    private Regexes() {
    }

    /**
     * Compiles {@code regex} with RE2/J {@code flags}.
     *
     * @throws Patterns.BadPattern with the reason alone (callers say which pattern), e.g. {@code groups nested
     *                             more than 100 deep}
     */
    static Pattern compile(String regex, int flags) {
        checkCost(regex);
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            String where = e.getPattern() == null || e.getPattern().isEmpty() ? "" : ": `" + e.getPattern() + "`";
            throw new Patterns.BadPattern(e.getDescription() + where);
        }
    }

    /**
     * Rejects a pattern nested more than {@link #MAX_NESTING} deep or larger than {@link #MAX_SIZE} once counted
     * repetitions are expanded. One pass over the text, overestimating where RE2 syntax is unclear: a group's size
     * is what it adds to the running total, so a repetition after it multiplies that suffix.
     */
    private static void checkCost(String regex) {
        int[] groupStarts = new int[MAX_NESTING];
        int depth = 0;
        long size = 0;
        long last = 0; // the size of the element a repetition would repeat
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int next = i + 1;
            switch (c) {
                case '\\':
                    next = endOfEscape(regex, i);
                    last = regex.startsWith("\\Q", i) ? next - i : 1;
                    size += last;
                    break;
                case '[':
                    next = endOfClass(regex, i);
                    last = 1;
                    size += last;
                    break;
                case '(':
                    if (depth == MAX_NESTING) {
                        throw new Patterns.BadPattern("groups nested more than " + MAX_NESTING + " deep");
                    }
                    groupStarts[depth++] = (int) size;
                    last = 0;
                    break;
                case ')':
                    if (depth == 0) {
                        throw new Patterns.BadPattern("unexpected )"); // RE2/J's own message is an internal error
                    }
                    size++;
                    last = size - groupStarts[--depth];
                    break;
                case '{': {
                    int end = endOfRepeat(regex, i);
                    if (end > 0) {
                        size += last * Math.max(0, repeatCount(regex.substring(i + 1, end - 1)) - 1);
                        next = end;
                    } else {
                        last = 1;
                        size += last;
                    }
                    break;
                }
                case '|':
                    last = 0;
                    size++;
                    break;
                case '*':
                case '+':
                case '?':
                    size++;
                    break;
                default:
                    last = 1;
                    size += last;
                    break;
            }
            if (size > MAX_SIZE) {
                throw new Patterns.BadPattern(TOO_LARGE);
            }
            i = next;
        }
    }

    /** The index after a counted repetition {@code {m}}, {@code {m,}} or {@code {m,n}} at {@code i}, or -1. */
    private static int endOfRepeat(String regex, int i) {
        int j = i + 1;
        int digits = 0;
        boolean comma = false;
        while (j < regex.length() && digits <= 12) {
            char c = regex.charAt(j);
            if (c == '}') {
                return digits > 0 && regex.charAt(i + 1) != ',' ? j + 1 : -1;
            }
            if (c == ',' && !comma) {
                comma = true;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return -1;
            }
            j++;
        }
        return -1;
    }

    /** The largest count of {@code m}, {@code m,} (m + 1: one more to loop) or {@code m,n}. */
    private static long repeatCount(String body) {
        int comma = body.indexOf(',');
        long m = Long.parseLong(comma < 0 ? body : body.substring(0, comma));
        if (comma < 0) {
            return m;
        }
        String upper = body.substring(comma + 1);
        return upper.isEmpty() ? m + 1 : Math.max(m, Long.parseLong(upper));
    }

    /** The index after the escape sequence at {@code i}: {@code \x}, {@code \p{..}}, {@code \x{..}}, {@code \Q..\E}. */
    private static int endOfEscape(String regex, int i) {
        if (i + 1 >= regex.length()) {
            return regex.length();
        }
        char kind = regex.charAt(i + 1);
        if (kind == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if ((kind == 'p' || kind == 'P' || kind == 'x') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int close = regex.indexOf('}', i + 3);
            return close < 0 ? regex.length() : close + 1;
        }
        return i + 2;
    }

    /** The index after the character class starting at {@code i} (or the end, when it is unclosed). */
    private static int endOfClass(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        boolean posixClassesClosed = true; // false once a [: found no :] after it, so no later one can
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == ']') {
                return j + 1;
            }
            if (c == '\\') {
                j = endOfEscape(regex, j);
            } else if (c == '[' && posixClassesClosed && regex.startsWith("[:", j)) {
                int close = regex.indexOf(":]", j + 2);
                posixClassesClosed = close >= 0;
                j = close < 0 ? j + 1 : close + 2;
            } else {
                j++;
            }
        }
        return j;
    }
}
