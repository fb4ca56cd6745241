package io.sluice.pump.compile;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates SQL {@code LIKE} and {@code SIMILAR TO} patterns to matchers. Both match the whole string and are
 * case-sensitive. {@code LIKE}: {@code %} any sequence, {@code _} one character. {@code SIMILAR TO} adds
 * {@code | * + ? {m} {m,} {m,n} ( ) [...] [^...]}. A metacharacter is literal only right after the declared
 * ESCAPE character; an ESCAPE at the end of the pattern, or before an ordinary character in SIMILAR TO, is an
 * error. Literal-only patterns compile to {@code equals}, prefix/suffix/infix LIKE patterns to
 * {@code startsWith}/{@code endsWith}/{@code contains}.
 */
public final class Patterns {

    private static final String SIMILAR_META = "%_|*+?{}()[]";

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
            throw new BadPattern("ESCAPE must be exactly one character, got '" + escape + "'");
        }
        return escape.charAt(0);
    }

    /** A matcher for {@code value LIKE pattern ESCAPE escape}. */
    public static Predicate<String> like(String pattern, Character escape) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean onlyLiteral = true;
        int percentCount = 0;
        boolean leadingPercent = false;
        boolean trailingPercent = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 >= pattern.length()) {
                    throw new BadPattern("LIKE pattern '" + pattern + "' ends with its escape character");
                }
                char next = pattern.charAt(++i);
                if (next != '%' && next != '_' && next != escape) {
                    throw new BadPattern("in LIKE pattern '" + pattern + "' the escape character must precede %, _"
                            + " or itself");
                }
                regex.append(Pattern.quote(String.valueOf(next)));
                literal.append(next);
            } else if (c == '%') {
                regex.append(".*");
                percentCount++;
                if (i == 0) {
                    leadingPercent = true;
                }
                if (i == pattern.length() - 1) {
                    trailingPercent = true;
                }
                onlyLiteral = false;
            } else if (c == '_') {
                regex.append('.');
                onlyLiteral = false;
                percentCount = 99;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                literal.append(c);
            }
        }
        String lit = literal.toString();
        if (onlyLiteral) {
            return lit::equals;
        }
        // Fast paths for the common shapes: 'abc%', '%abc', '%abc%'.
        if (percentCount == 1 && trailingPercent && !leadingPercent) {
            return s -> s.startsWith(lit);
        }
        if (percentCount == 1 && leadingPercent && !trailingPercent) {
            return s -> s.endsWith(lit);
        }
        if (percentCount == 2 && leadingPercent && trailingPercent && pattern.length() > 1) {
            return s -> s.contains(lit);
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return s -> compiled.matcher(s).matches();
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
            compiled = Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new BadPattern("invalid SIMILAR TO pattern '" + pattern + "': " + e.getDescription());
        }
        return s -> compiled.matcher(s).matches();
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

    /** The java.util.regex equivalent of a SIMILAR TO pattern (to be compiled with DOTALL). */
    public static String similarToRegex(String pattern, Character escape) {
        StringBuilder out = new StringBuilder();
        java.util.ArrayDeque<Integer> groups = new java.util.ArrayDeque<>();
        int atomStart = -1; // where the regex of the last atom starts, -1 when there is nothing to repeat
        boolean quantified = false; // the last atom already carries a quantifier (or is %)
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 >= pattern.length()) {
                    throw new BadPattern("SIMILAR TO pattern '" + pattern + "' ends with its escape character");
                }
                char next = pattern.charAt(i + 1);
                if (SIMILAR_META.indexOf(next) < 0 && next != escape) {
                    throw new BadPattern("in SIMILAR TO pattern '" + pattern + "' the escape character must precede"
                            + " a metacharacter or itself");
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
                    quantifier = String.valueOf(c);
                    break;
                case '(':
                    groups.push(out.length());
                    out.append("(?:");
                    atomStart = -1;
                    quantified = false;
                    break;
                case ')':
                    if (groups.isEmpty()) {
                        throw new BadPattern("SIMILAR TO pattern '" + pattern + "' has an unmatched )");
                    }
                    atomStart = groups.pop();
                    out.append(')');
                    quantified = false;
                    break;
                case '{': {
                    int close = pattern.indexOf('}', i);
                    String body = close < 0 ? "" : pattern.substring(i + 1, close);
                    if (close < 0 || !body.matches("\\d+(,\\d*)?")) {
                        throw new BadPattern("SIMILAR TO pattern '" + pattern + "' has a bad repetition at "
                                + (i + 1) + ": write {m}, {m,} or {m,n}");
                    }
                    quantifier = "{" + body + "}";
                    i = close;
                    break;
                }
                case '}':
                    throw new BadPattern("SIMILAR TO pattern '" + pattern + "' has an unmatched }");
                case '[':
                    atomStart = out.length();
                    quantified = false;
                    i = bracket(pattern, i, escape, out);
                    continue;
                case ']':
                    throw new BadPattern("SIMILAR TO pattern '" + pattern + "' has an unmatched ]");
                default:
                    atomStart = out.length();
                    quantified = false;
                    out.append(quote(c));
                    break;
            }
            if (quantifier != null) {
                if (atomStart < 0) {
                    throw new BadPattern("SIMILAR TO pattern '" + pattern + "' has nothing to repeat before '"
                            + quantifier + "' at " + (i + 1));
                }
                if (quantified) {
                    // SQL applies stacked quantifiers in turn; in java.util.regex "a*+" would mean possessive.
                    out.insert(atomStart, "(?:").append(')');
                }
                out.append(quantifier);
                quantified = true;
            }
            i++;
        }
        if (!groups.isEmpty()) {
            throw new BadPattern("SIMILAR TO pattern '" + pattern + "' has an unmatched (");
        }
        return out.toString();
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
            char c = pattern.charAt(i);
            if (c == ']' && !empty) {
                out.append(']');
                return i + 1;
            }
            if (escape != null && c == escape && i + 1 < pattern.length()) {
                out.append(quoteInClass(pattern.charAt(i + 1)));
                i += 2;
            } else if (c == '-' && !empty && i + 1 < pattern.length() && pattern.charAt(i + 1) != ']') {
                out.append('-');
                i++;
            } else {
                out.append(quoteInClass(c));
                i++;
            }
            empty = false;
        }
        throw new BadPattern("SIMILAR TO pattern '" + pattern + "' has an unmatched [");
    }

    private static String quote(char c) {
        return Character.isLetterOrDigit(c) || c == ' ' ? String.valueOf(c) : "\\x{" + Integer.toHexString(c) + "}";
    }

    private static String quoteInClass(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\x{" + Integer.toHexString(c) + "}";
    }
}
