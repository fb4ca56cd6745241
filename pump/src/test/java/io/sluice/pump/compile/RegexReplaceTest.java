package io.sluice.pump.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * REGEX_REPLACE on RE2/J: the results of KDA's {@code String.replaceAll} (checked against java.util.regex on
 * seeded random regexes of the syntax both share), the replacement syntax and its errors, and bounded work and
 * output on hostile input.
 */
class RegexReplaceTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static String replace(String s, String regex, String replacement, long start, long occurrence) {
        return RegexReplace.replace(s, RegexReplace.compile(regex), replacement, start, occurrence);
    }

    /** A random regex of single characters, classes, groups, alternation and (lazy) quantifiers. */
    private static String regex(Random r, int depth) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String[] atoms = {"a", "b", "c", ".", "[ab]", "[^a]", "\\d", "\\s"};
            String atom = depth < 2 && r.nextInt(4) == 0 ? "(" + regex(r, depth + 1) + "|" + regex(r, depth + 1) + ")"
                    : atoms[r.nextInt(atoms.length)];
            String[] quantifiers = {"", "", "", "*", "+", "?", "{1,2}", "*?", "+?"};
            sb.append(atom).append(atom.startsWith("(") ? "" : quantifiers[r.nextInt(quantifiers.length)]);
        }
        return sb.toString();
    }

    @Test
    void agreesWithJavaReplaceAllOnTheSyntaxBothShare() {
        for (long seed = 0; seed < 2000; seed++) {
            Random r = new Random(seed);
            String regex = regex(r, 0);
            int groups = Pattern.compile(regex).matcher("").groupCount();
            String replacement = "<" + (r.nextBoolean() ? "$0" : "") + (groups > 0 ? "$" + (1 + r.nextInt(groups)) : "")
                    + "\\$>";
            StringBuilder text = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) {
                text.append("abc1 \n".charAt(r.nextInt(6)));
            }
            String s = text.toString();
            assertThat(replace(s, regex, replacement, 1, 0))
                    .as("seed %d: REGEX_REPLACE('%s', '%s', '%s')", seed, s, regex, replacement)
                    .isEqualTo(Pattern.compile(regex).matcher(s).replaceAll(replacement));
        }
    }

    @Test
    void replacesFromTheStartPositionTheNthOccurrenceOrAll() {
        assertThat(replace("aaa", "a", "b", 1, 0)).isEqualTo("bbb");
        assertThat(replace("aaa", "a", "b", 1, 2)).isEqualTo("aba");
        assertThat(replace("aaa", "a", "b", 2, 0)).isEqualTo("abb");
        assertThat(replace("aaa", "^a", "b", 2, 0)).as("^ anchors at the start position").isEqualTo("aba");
        assertThat(replace("aaa", "a", "b", 5, 0)).isEqualTo("aaa");
        assertThat(replace("baaac", "a*", "-", 1, 0)).isEqualTo("-b--c-");
        assertThat(replace("2024-01-05", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1", 1, 0)).isEqualTo("05/01/2024");
        assertThat(replace("k=v", "(?P<key>\\w)=(?<value>\\w)", "${value}=${key}", 1, 0)).isEqualTo("v=k");
        assertThat(replace("ab", "(a)(b)?", "[$2]", 1, 0)).isEqualTo("[b]");
        assertThat(replace("a", "(a)(b)?", "[$2]", 1, 0)).as("an unmatched group is empty").isEqualTo("[]");
        assertThat(replace("abc", "(a)", "$11", 1, 0)).as("$11 with one group is $1 then 1").isEqualTo("a1bc");
        assertThat(replace("abc", "x", "$", 1, 0)).as("no match: the replacement is never read").isEqualTo("abc");
    }

    @Test
    void badReplacementsFailWithJavaRegexWording() {
        assertThatThrownBy(() -> replace("abc", "b", "$", 1, 0))
                .hasMessage("invalid REGEX_REPLACE replacement '$': Illegal group reference: group index is missing");
        assertThatThrownBy(() -> replace("abc", "b", "$x", 1, 0))
                .hasMessage("invalid REGEX_REPLACE replacement '$x': Illegal group reference");
        assertThatThrownBy(() -> replace("abc", "(b)", "$2", 1, 0))
                .hasMessage("invalid REGEX_REPLACE replacement '$2': No group 2");
        assertThatThrownBy(() -> replace("abc", "(b)", "${name}", 1, 0))
                .hasMessage("invalid REGEX_REPLACE replacement '${name}': No group with name {name}");
        assertThatThrownBy(() -> replace("abc", "b", "x\\", 1, 0))
                .isInstanceOfSatisfying(PumpRecordException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PumpRecordException.INVALID_ARGUMENT))
                .hasMessage("invalid REGEX_REPLACE replacement 'x\\': character to be escaped is missing");
    }

    @Test
    void regexFeaturesRe2LacksAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RegexReplace.compile("(a)\\1"))
                .hasMessage("invalid regex '(a)\\1': invalid escape sequence: `\\1`");
        assertThatThrownBy(() -> RegexReplace.compile("a(?=b)"))
                .hasMessage("invalid regex 'a(?=b)': invalid or unsupported Perl syntax: `(?=`");
        assertThatThrownBy(() -> RegexReplace.compile("a)"))
                .hasMessage("invalid regex 'a)': unexpected )");
        assertThatThrownBy(() -> RegexReplace.compile("(".repeat(101) + ")".repeat(101)))
                .hasMessage("invalid regex '" + "(".repeat(100) + "...' (202 characters): groups nested more than 100"
                        + " deep");
        assertThatThrownBy(() -> RegexReplace.compile("((a{1000}){1000}){1000}"))
                .hasMessage("invalid regex '((a{1000}){1000}){1000}': too large: more than 1000 elements once"
                        + " repetitions are expanded");
    }

    @Test
    void searchesThatRereadTheTextGiveUpInsteadOfGoingQuadratic() {
        String text = "a".repeat(60_000);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> replace(text, "a(?:.*z)?", "b", 1, 0))
                .isInstanceOfSatisfying(PumpRecordException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PumpRecordException.INVALID_ARGUMENT))
                .hasMessage("REGEX_REPLACE gave up after its searches read 10000000 characters of a 60000-character"
                        + " text: the regex makes each search look far past its match; simplify it"));
        assertThat(replace(text, "a", "b", 1, 0)).isEqualTo("b".repeat(60_000));
        assertThat(replace("a".repeat(500), "a(?:.*z)?", "b", 1, 0)).as("short texts may re-read")
                .isEqualTo("b".repeat(500));
    }

    @Test
    void resultsLongerThanTheLongestVarcharFail() {
        assertThatThrownBy(() -> replace("a".repeat(40_000), "", "--", 1, 0))
                .isInstanceOfSatisfying(PumpRecordException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PumpRecordException.OUT_OF_RANGE))
                .hasMessage("REGEX_REPLACE result is longer than 65535 characters");
        assertThat(replace("a".repeat(70_000), "a", "b", 1, 0)).as("as long as the text is fine").hasSize(70_000);
    }
}
