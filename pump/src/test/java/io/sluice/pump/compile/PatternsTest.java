package io.sluice.pump.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * LIKE and SIMILAR TO on hostile values and patterns (issue #13): time linear in the value, no stack overflow, and
 * patterns too costly to compile refused with the reason. Semantics are covered by {@link PatternPropertiesTest}
 * and {@code SemanticsTest}.
 */
class PatternsTest {

    /** Generous: these answer in milliseconds; with backtracking they never finished. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void likeWithManyPercentsOverALongValueAnswersInLinearTime() {
        String value = "a".repeat(40_000);
        Predicate<String> like = Patterns.like("%a%b%c%d%", null);

        assertTimeoutPreemptively(BOUND, () -> assertThat(like.test(value)).isFalse());
        assertTimeoutPreemptively(BOUND, () -> assertThat(like.test(value + "bcd")).isTrue());
        assertTimeoutPreemptively(BOUND, () -> assertThat(Patterns.like("%" + "_".repeat(2_000) + "b", null)
                .test(value)).isFalse());
    }

    @Test
    void similarToWithAStarredAlternationOverALongValueDoesNotOverflowTheStack() {
        String value = "ab".repeat(50_000);
        Predicate<String> similar = Patterns.similar("(a|b)*c", null);

        assertTimeoutPreemptively(BOUND, () -> assertThat(similar.test(value)).isFalse());
        assertTimeoutPreemptively(BOUND, () -> assertThat(similar.test(value + "c")).isTrue());
        assertTimeoutPreemptively(BOUND, () -> assertThat(Patterns.similar("%(a%)*%c", null).test(value)).isFalse());
    }

    @Test
    void underscoreMatchesOneCodePointIncludingSupplementaryCharacters() {
        assertThat(Patterns.like("_", null).test("😀")).isTrue();
        assertThat(Patterns.like("x_y%", null).test("x😀y!")).isTrue();
        assertThat(Patterns.like("%😀", null).test("ab😀")).isTrue();
        assertThat(Patterns.like("__", null).test("😀")).as("one code point, two chars").isFalse();
        assertThat(Patterns.similar("_", null).test("😀")).isTrue();
        assertThat(Patterns.similar("a😀+", null).test("a😀😀")).isTrue();
        assertThat(Patterns.similar("[😀x]b", null).test("😀b")).isTrue();
    }

    @Test
    void similarToRefusesPatternsTooLargeOrTooDeepToCompile() {
        assertThatThrownBy(() -> Patterns.similar("((a{1000}){1000}){1000}", null))
                .hasMessage("invalid SIMILAR TO pattern '((a{1000}){1000}){1000}': too large: more than 1000"
                        + " elements once repetitions are expanded");
        String deep = "(".repeat(101) + "a" + ")".repeat(101);
        assertThatThrownBy(() -> Patterns.similar(deep, null))
                .hasMessage("invalid SIMILAR TO pattern '" + "(".repeat(100) + "...' (203 characters): groups nested"
                        + " more than 100 deep");
        assertThat(Patterns.similar("(".repeat(100) + "a" + ")".repeat(100), null).test("a")).isTrue();
        assertThat(Patterns.similar("a{1000}", null).test("a".repeat(1000))).isTrue();
        assertThatThrownBy(() -> Patterns.similar("x".repeat(1001) + "%", null))
                .hasMessageEndingWith("(1002 characters): too large: more than 1000 elements once repetitions are"
                        + " expanded");
    }

    @Test
    void similarToRefusesRepetitionsOutsideZeroToAThousand() {
        assertThatThrownBy(() -> Patterns.similar("a{1001}", null))
                .hasMessage("SIMILAR TO pattern 'a{1001}' has a bad repetition at 2: write {m}, {m,} or {m,n} with"
                        + " m <= n <= 1000");
        assertThatThrownBy(() -> Patterns.similar("a{3,1}", null))
                .hasMessage("SIMILAR TO pattern 'a{3,1}' has a bad repetition at 2: write {m}, {m,} or {m,n} with"
                        + " m <= n <= 1000");
        assertThatThrownBy(() -> Patterns.similar("[z-a]", null))
                .hasMessage("invalid SIMILAR TO pattern '[z-a]': invalid character class range: `z-a`");
    }

    @Test
    void stackedQuantifiersApplyInTurn() {
        assertThat(Patterns.similar("a*+b", null).test("aab")).isTrue();
        assertThat(Patterns.similar("(ab)?{2}", null).test("abab")).isTrue();
        assertThat(Patterns.similar("%*x", null).test("yyx")).isTrue();
    }
}
