package io.sluice.pump.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property tests with seeded, reproducible generators: random SIMILAR TO and LIKE patterns are built together
 * with an independent java.util.regex translation of the same structure, and both must agree on random
 * strings. A failure names the seed, the pattern and the string.
 */
class PatternPropertiesTest {

    private static final int CASES = 3000;
    private static final char ESCAPE = '!';

    /** A generated pattern: the SQL text and its reference regex. */
    private record Gen(String sql, String regex) {
    }

    private static Gen atom(Random r, int depth) {
        switch (r.nextInt(depth > 2 ? 7 : 9)) {
            case 0:
            case 1: {
                char c = "abc".charAt(r.nextInt(3));
                return new Gen(String.valueOf(c), String.valueOf(c));
            }
            case 2:
                return new Gen("_", ".");
            case 3:
                return new Gen("%", ".*");
            case 4: {
                // A metacharacter made literal by the escape character.
                char c = "%_|*+?{}()[]!".charAt(r.nextInt(13));
                return new Gen("" + ESCAPE + c, Pattern.quote(String.valueOf(c)));
            }
            case 5: {
                String[] classes = {"[ab]", "[^ab]", "[a-c]", "[^c]", "[b]"};
                String c = classes[r.nextInt(classes.length)];
                return new Gen(c, c);
            }
            case 6: {
                // Characters that are special in java.util.regex but ordinary in SIMILAR TO.
                char c = ".$^\\&".charAt(r.nextInt(5));
                return new Gen(String.valueOf(c), Pattern.quote(String.valueOf(c)));
            }
            default: {
                Gen a = sequence(r, depth + 1);
                Gen b = sequence(r, depth + 1);
                return new Gen("(" + a.sql + "|" + b.sql + ")", "(?:" + a.regex + "|" + b.regex + ")");
            }
        }
    }

    private static Gen quantified(Random r, int depth) {
        Gen a = atom(r, depth);
        if (a.sql.contains("%")) {
            // Repeating an atom that holds % backtracks exponentially in the java.util.regex reference; keep it fast.
            return a;
        }
        switch (r.nextInt(10)) {
            case 0:
                return new Gen(a.sql + "*", "(?:" + a.regex + ")*");
            case 1:
                return new Gen(a.sql + "+", "(?:" + a.regex + ")+");
            case 2:
                return new Gen(a.sql + "?", "(?:" + a.regex + ")?");
            case 3: {
                int m = r.nextInt(3);
                return new Gen(a.sql + "{" + m + "}", "(?:" + a.regex + "){" + m + "}");
            }
            case 4: {
                int m = r.nextInt(2);
                int n = m + r.nextInt(3);
                return new Gen(a.sql + "{" + m + "," + n + "}", "(?:" + a.regex + "){" + m + "," + n + "}");
            }
            default:
                return a;
        }
    }

    private static Gen sequence(Random r, int depth) {
        int n = 1 + r.nextInt(4);
        StringBuilder sql = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Gen g = quantified(r, depth);
            sql.append(g.sql);
            regex.append(g.regex);
        }
        return new Gen(sql.toString(), regex.toString());
    }

    private static String randomString(Random r) {
        int n = r.nextInt(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("abcab%_.!|(\n".charAt(r.nextInt(12)));
        }
        return sb.toString();
    }

    @Test
    void similarToAgreesWithAReferenceRegexTranslation() {
        for (long seed = 0; seed < CASES; seed++) {
            Random r = new Random(seed);
            Gen g = r.nextBoolean() ? sequence(r, 0) : new Gen(sequence(r, 1).sql + "|" + "b", null);
            if (g.regex == null) {
                Random again = new Random(seed);
                again.nextBoolean();
                Gen left = sequence(again, 1);
                g = new Gen(left.sql + "|b", "(?:" + left.regex + ")|b");
            }
            Pattern reference = Pattern.compile(g.regex, Pattern.DOTALL);
            var matcher = Patterns.similar(g.sql, ESCAPE);
            for (int i = 0; i < 20; i++) {
                String s = randomString(r);
                // Bias some strings towards matching: sample from the reference by trying the pattern's literals.
                assertThat(matcher.test(s))
                        .as("seed %d: '%s' SIMILAR TO '%s' ESCAPE '!' (reference /%s/)", seed, s, g.sql, g.regex)
                        .isEqualTo(reference.matcher(s).matches());
            }
        }
    }

    @Test
    void likeAgreesWithAReferenceRegexTranslation() {
        for (long seed = 0; seed < CASES; seed++) {
            Random r = new Random(seed);
            int n = r.nextInt(6);
            StringBuilder sql = new StringBuilder();
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(6);
                if (k == 0) {
                    sql.append('%');
                    regex.append(".*");
                } else if (k == 1) {
                    sql.append('_');
                    regex.append('.');
                } else if (k == 2) {
                    char c = "%_!".charAt(r.nextInt(3));
                    sql.append(ESCAPE).append(c);
                    regex.append(Pattern.quote(String.valueOf(c)));
                } else {
                    char c = "ab.*(".charAt(r.nextInt(5));
                    sql.append(c);
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            Pattern reference = Pattern.compile(regex.toString(), Pattern.DOTALL);
            var matcher = Patterns.like(sql.toString(), ESCAPE);
            for (int i = 0; i < 20; i++) {
                String s = randomString(r).replace('|', '*');
                assertThat(matcher.test(s))
                        .as("seed %d: '%s' LIKE '%s' ESCAPE '!'", seed, s, sql)
                        .isEqualTo(reference.matcher(s).matches());
            }
        }
    }

    @Test
    void everyStringIsSimilarToItselfEscaped() {
        for (long seed = 0; seed < CASES; seed++) {
            Random r = new Random(seed);
            String s = randomString(r) + "{}[]+*?";
            StringBuilder escaped = new StringBuilder();
            for (char c : s.toCharArray()) {
                if ("%_|*+?{}()[]!".indexOf(c) >= 0) {
                    escaped.append(ESCAPE);
                }
                escaped.append(c);
            }
            assertThat(Patterns.similar(escaped.toString(), ESCAPE).test(s)).as("seed %d: %s", seed, s).isTrue();
            assertThat(Patterns.similar(escaped.toString(), ESCAPE).test(s + "x")).as("whole string").isFalse();
        }
    }
}
