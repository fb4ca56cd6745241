package io.sluice.pump.compile;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.sluice.pump.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code REGEX_REPLACE(string, regex, replacement, start, occurrence)}: KDA's {@code String.replaceAll} from
 * {@code start}, replacing every match ({@code occurrence} 0) or only the n-th. The regex runs on RE2/J
 * ({@link Regexes}: RE2 syntax, no backreferences or lookaround inside the regex); the replacement keeps
 * java.util.regex's syntax: {@code $n} and {@code ${name}} insert a group, {@code \x} is a literal x.
 *
 * <p>Each search is linear in the text, but searching again after each match can re-read text a search already
 * looked past (as in every linear-time engine, RE2's and Rust's included). So the characters all searches of one
 * call read are counted, and a call reading more than {@value #SCAN_FACTOR} times the text (at least
 * {@value #MIN_SCAN_BUDGET} characters) fails instead of going quadratic; so does a result longer than both the
 * text and {@value SqlType#MAX_VARCHAR} characters. Stateless.
 */
final class RegexReplace {

    /** How many times over the text the searches of one call may read it (ordinary regexes read it 3 to 11 times). */
    static final int SCAN_FACTOR = 64;
    /** How many characters the searches of one call may read in any case, however short the text. */
    static final long MIN_SCAN_BUDGET = 10_000_000;

    private RegexReplace() {
    }

    /** Compiles a REGEX_REPLACE regex; a {@link Patterns.BadPattern} names the regex and the reason. */
    static Pattern compile(String regex) {
        try {
            return Regexes.compile(regex, 0);
        } catch (Patterns.BadPattern e) {
            throw new Patterns.BadPattern("invalid regex " + Patterns.shown(regex) + ": " + e.getMessage());
        }
    }

    /** {@code s} with the matches of {@code p} from {@code start} (1-based) replaced. */
    static String replace(String s, Pattern p, String replacement, long start, long occurrence) {
        if (start < 1) {
            throw invalid("REGEX_REPLACE start position must be at least 1, got " + start);
        }
        if (occurrence < 0) {
            throw invalid("REGEX_REPLACE occurrence must not be negative, got " + occurrence);
        }
        if (start > s.length() + 1) {
            return s;
        }
        String text = s.substring((int) start - 1);
        int maxLength = Math.max(SqlType.MAX_VARCHAR, s.length());
        Matcher m = p.matcher(new MeteredText(text));
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, (int) start - 1);
        List<Object> parts = null; // the parsed replacement, once a match needs it
        int copied = 0;
        long seen = 0;
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            seen++;
            if (occurrence == 0 || seen == occurrence) {
                if (parts == null) {
                    parts = parse(replacement, p);
                }
                out.append(text, copied, m.start());
                appendReplacement(out, parts, m);
                copied = m.end();
                if (out.length() > maxLength) {
                    throw new PumpRecordException(PumpRecordException.OUT_OF_RANGE, "REGEX_REPLACE result is longer"
                            + " than " + maxLength + " characters");
                }
                if (occurrence != 0) {
                    break;
                }
            }
            // After an empty match, the next search starts one character on, as in java.util.regex.
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static void appendReplacement(StringBuilder out, List<Object> parts, Matcher m) {
        for (Object part : parts) {
            if (part instanceof Integer group) {
                String value = m.group(group);
                if (value != null) {
                    out.append(value);
                }
            } else {
                out.append((String) part);
            }
        }
    }

    /**
     * A replacement in java.util.regex's syntax as literal text (String) and group numbers (Integer), with its
     * errors worded as java.util.regex words them.
     */
    private static List<Object> parse(String replacement, Pattern p) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < replacement.length()) {
            char c = replacement.charAt(i++);
            if (c == '\\') {
                if (i == replacement.length()) {
                    throw badReplacement(replacement, "character to be escaped is missing");
                }
                literal.append(replacement.charAt(i++));
            } else if (c == '$') {
                GroupReference reference = groupReference(replacement, i, p);
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(reference.group());
                i = reference.end();
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts;
    }

    /** A {@code $n} or {@code ${name}} in a replacement: the group, and where the reference ends. */
    private record GroupReference(int group, int end) {
    }

    /** The group reference after the {@code $} at {@code start - 1}. */
    private static GroupReference groupReference(String replacement, int start, Pattern p) {
        if (start == replacement.length()) {
            throw badReplacement(replacement, "Illegal group reference: group index is missing");
        }
        if (replacement.charAt(start) != '{') {
            int group = replacement.charAt(start) - '0';
            if (group < 0 || group > 9) {
                throw badReplacement(replacement, "Illegal group reference");
            }
            int i = start + 1;
            // Further digits belong to the number while it names a group, as in java.util.regex.
            while (i < replacement.length() && isAsciiDigit(replacement.charAt(i))
                    && group * 10 + replacement.charAt(i) - '0' <= p.groupCount()) {
                group = group * 10 + replacement.charAt(i++) - '0';
            }
            if (group > p.groupCount()) {
                throw badReplacement(replacement, "No group " + group);
            }
            return new GroupReference(group, i);
        }
        int close = start + 1;
        while (close < replacement.length() && (isAsciiDigit(replacement.charAt(close))
                || Character.isLetter(replacement.charAt(close)) && replacement.charAt(close) < 128)) {
            close++;
        }
        String name = replacement.substring(start + 1, close);
        if (name.isEmpty()) {
            throw badReplacement(replacement, "named capturing group has 0 length name");
        }
        if (close == replacement.length() || replacement.charAt(close) != '}') {
            throw badReplacement(replacement, "named capturing group is missing trailing '}'");
        }
        if (isAsciiDigit(name.charAt(0))) {
            throw badReplacement(replacement, "capturing group name {" + name + "} starts with digit character");
        }
        Integer group = p.namedGroups().get(name);
        if (group == null) {
            throw badReplacement(replacement, "No group with name {" + name + "}");
        }
        return new GroupReference(group, close + 1);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static PumpRecordException badReplacement(String replacement, String reason) {
        return invalid("invalid REGEX_REPLACE replacement " + Patterns.shown(replacement) + ": " + reason);
    }

    private static PumpRecordException invalid(String message) {
        return new PumpRecordException(PumpRecordException.INVALID_ARGUMENT, message);
    }

    /** The text the searches read, counting the characters read so re-reading stays bounded. */
    private static final class MeteredText implements CharSequence {
        private final String text;
        private final long budget;
        private long read;

        MeteredText(String text) {
            this.text = text;
            this.budget = Math.max(MIN_SCAN_BUDGET, SCAN_FACTOR * (text.length() + 1L));
        }

        @Override
        public char charAt(int index) {
            if (++read > budget) {
                throw invalid("REGEX_REPLACE gave up after its searches read " + budget + " characters of a "
                        + text.length() + "-character text: the regex makes each search look far past its match;"
                        + " simplify it");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
