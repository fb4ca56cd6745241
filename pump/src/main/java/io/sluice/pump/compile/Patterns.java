package io.sluice.pump.compile;

import com.google.re2j.Pattern;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * Matchers for SQL {@code LIKE} and {@code SIMILAR TO} patterns. Both match the whole string and are
 * case-sensitive. {@code LIKE}: {@code %} any sequence, {@code _} one character, matched by {@link LikeMatcher}
 * without regular expressions. {@code SIMILAR TO} adds {@code | * + ? {m} {m,} {m,n} ( ) [...] [^...]}; it is
 * translated to RE2 syntax and matched by an automaton ({@link Regexes}), so both take time linear in the value
 * whatever the pattern. A metacharacter is literal only right after the declared ESCAPE character; an ESCAPE at the
 * end of the pattern, or before an ordinary character in SIMILAR TO, is an error. Literal-only patterns compile to
 * {@code equals}.
 */
public final class Patterns {

    private static final String SIMILAR_META = "%_|*+?{}()[]";
    /** How much of a pattern an error message quotes: patterns may come from record data, of any length. */
    private static final int SHOWN_CHARS = 100;

    private Patterns() {
    }

    /** Thrown for a malformed pattern or escape; callers turn it into a SQL or per-record error. */
    public static final class BadPattern extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadPattern(String message) {
            super(message);
        }
    }

    /** The escape character of an ESCAPE operand: exactly one character, or null for none. */
    public static Character escapeChar(String escape) {
        if (escape == null) {
            return null;
        }
        if (escape.length() != 1) {
            throw new BadPattern("ESCAPE must be exactly one character, got " + shown(escape));
        }
        return escape.charAt(0);
    }

    /** A matcher for {@code value LIKE pattern ESCAPE escape}. */
    public static Predicate<String> like(String pattern, Character escape) {
        return LikeMatcher.parse(pattern, escape);
    }

    /** A matcher for {@code value SIMILAR TO pattern ESCAPE escape}. */
    public static Predicate<String> similar(String pattern, Character escape) {
        String regex = similarToRegex(pattern, escape);
        if (isLiteral(pattern, escape)) {
            String lit = unescapeLiteral(pattern, escape);
            return lit::equals;
        }
        Pattern compiled;
        try {
            compiled = Regexes.compile(regex, Pattern.DOTALL);
        } catch (BadPattern e) {
            throw new BadPattern("invalid SIMILAR TO pattern " + shown(pattern) + ": " + e.getMessage());
        }
        return s -> compiled.matches(s);
    }

    /** A pattern as error messages quote it: in single quotes, cut after {@value #SHOWN_CHARS} characters. */
    static String shown(String pattern) {
        return pattern.length() <= SHOWN_CHARS ? "'" + pattern + "'"
                : "'" + pattern.substring(0, SHOWN_CHARS) + "...' (" + pattern.length() + " characters)";
    }

    private static boolean isLiteral(String pattern, Character escape) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                i++;
            } else if (SIMILAR_META.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String unescapeLiteral(String pattern, Character escape) {
        if (escape == null) {
            return pattern;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            sb.append(c == escape ? pattern.charAt(++i) : c);
        }
        return sb.toString();
    }

    /**
     * The RE2 equivalent of a SIMILAR TO pattern (to be compiled with DOTALL). Fails fast on patterns with more
     * than {@link Regexes#MAX_SIZE} quantifiers, which {@link Regexes} would refuse anyway, so that wrapping
     * stacked quantifiers stays linear.
     */
    static String similarToRegex(String pattern, Character escape) {
        StringBuilder out = new StringBuilder();
        Deque<Integer> groups = new ArrayDeque<>();
        int atomStart = -1; // where the regex of the last atom starts, -1 when there is nothing to repeat
        boolean quantified = false; // the last atom already carries a quantifier (or is %)
        int quantifiers = 0;
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            if (escape != null && c == escape) {
                if (i + 1 >= pattern.length()) {
                    throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " ends with its escape character");
                }
                char next = pattern.charAt(i + 1);
                if (SIMILAR_META.indexOf(next) < 0 && next != escape) {
                    throw new BadPattern("in SIMILAR TO pattern " + shown(pattern) + " the escape character must"
                            + " precede a metacharacter or itself");
                }
                atomStart = out.length();
                quantified = false;
                out.append(quote(next));
                i += 2;
                continue;
            }
            String quantifier = null;
            switch (c) {
                case '%':
                    atomStart = out.length();
                    out.append(".*");
                    quantified = true;
                    break;
                case '_':
                    atomStart = out.length();
                    out.append('.');
                    quantified = false;
                    break;
                case '|':
                    out.append('|');
                    atomStart = -1;
                    quantified = false;
                    break;
                case '*':
                case '+':
                case '?':
                    quantifier = String.valueOf((char) c);
                    break;
                case '(':
                    groups.push(out.length());
                    out.append("(?:");
                    atomStart = -1;
                    quantified = false;
                    break;
                case ')':
                    if (groups.isEmpty()) {
                        throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " has an unmatched )");
                    }
                    atomStart = groups.pop();
                    out.append(')');
                    quantified = false;
                    break;
                case '{': {
                    int close = pattern.indexOf('}', i);
                    quantifier = close < 0 ? null : repetition(pattern.substring(i + 1, close));
                    if (quantifier == null) {
                        throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " has a bad repetition at "
                                + (i + 1) + ": write {m}, {m,} or {m,n} with m <= n <= " + Regexes.MAX_REPEAT);
                    }
                    i = close;
                    break;
                }
                case '}':
                    throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " has an unmatched }");
                case '[':
                    atomStart = out.length();
                    quantified = false;
                    i = bracket(pattern, i, escape, out);
                    continue;
                case ']':
                    throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " has an unmatched ]");
                default:
                    atomStart = out.length();
                    quantified = false;
                    out.append(quote(c));
                    i += Character.charCount(c) - 1;
                    break;
            }
            if (quantifier != null) {
                if (atomStart < 0) {
                    throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " has nothing to repeat before '"
                            + quantifier + "' at " + (i + 1));
                }
                if (++quantifiers > Regexes.MAX_SIZE) {
                    // Each adds to the regex, which would be refused: stop before re-wrapping grows quadratic.
                    throw new BadPattern("invalid SIMILAR TO pattern " + shown(pattern) + ": " + Regexes.TOO_LARGE);
                }
                if (quantified) {
                    // SQL applies stacked quantifiers in turn; RE2 refuses "a**" (and in Java "a*+" is possessive).
                    out.insert(atomStart, "(?:").append(')');
                }
                out.append(quantifier);
                quantified = true;
            }
            i++;
        }
        if (!groups.isEmpty()) {
            throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " has an unmatched (");
        }
        return out.toString();
    }

    /** The quantifier {@code {body}} for a body {@code m}, {@code m,} or {@code m,n} with m <= n <= 1000, else null. */
    private static String repetition(String body) {
        if (!body.matches("\\d{1,4}(,\\d{0,4})?")) {
            return null;
        }
        int comma = body.indexOf(',');
        int m = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        int n = comma < 0 || comma == body.length() - 1 ? m : Integer.parseInt(body.substring(comma + 1));
        return m <= n && n <= Regexes.MAX_REPEAT ? "{" + body + "}" : null;
    }

    /** Copies a bracket expression starting at {@code start}; returns the index after its closing ]. */
    private static int bracket(String pattern, int start, Character escape, StringBuilder out) {
        int i = start + 1;
        out.append('[');
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean empty = true;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            if (c == ']' && !empty) {
                out.append(']');
                return i + 1;
            }
            if (escape != null && c == escape && i + 1 < pattern.length()) {
                int next = pattern.codePointAt(i + 1);
                out.append(quoteInClass(next));
                i += 1 + Character.charCount(next);
            } else if (c == '-' && !empty && i + 1 < pattern.length() && pattern.charAt(i + 1) != ']') {
                out.append('-');
                i++;
            } else {
                out.append(quoteInClass(c));
                i += Character.charCount(c);
            }
            empty = false;
        }
        throw new BadPattern("SIMILAR TO pattern " + shown(pattern) + " has an unmatched [");
    }

    private static String quote(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == ' ' ? Character.toString(codePoint)
                : "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    private static String quoteInClass(int codePoint) {
        return Character.isLetterOrDigit(codePoint) ? Character.toString(codePoint)
                : "\\x{" + Integer.toHexString(codePoint) + "}";
    }
}
