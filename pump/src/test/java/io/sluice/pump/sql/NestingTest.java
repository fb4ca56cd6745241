package io.sluice.pump.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pump.Pump;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deeply nested expressions (issue #13: a WHERE with thousands of nested parentheses crashed the parser with a
 * StackOverflowError): refused past {@link Nesting#MAX_DEPTH} levels with the position, and at the limit every
 * shape parses, compiles and runs in a thread with half the default stack (1 MiB on 64-bit Linux).
 */
class NestingTest {

    private static final String PREFIX = "CREATE STREAM \"D\" (a INTEGER);\n"
            + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a FROM \"SOURCE_SQL_STREAM_001\" WHERE ";
    private static final Pump.Options OPTIONS = Pump.Options.defaults().withSourceColumns("a INTEGER");
    private static final long HALF_STACK = 512 * 1024;

    /** Each shape as a WHERE of {@code n} levels (operators and calls count, names and literals not); a = 1 passes. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                shape("parentheses", n -> "(".repeat(n - 1) + "a = 1" + ")".repeat(n - 1)),
                shape("NOT", n -> "NOT ".repeat(n - 1) + "a <> 1"),
                shape("signs", n -> "- ".repeat(n - 1) + "a = " + ((n - 1) % 2 == 0 ? "1" : "-1")),
                shape("additions", n -> "a" + " + 0".repeat(n - 1) + " = 1"),
                shape("concatenations", n -> "'x'" + " || 'x'".repeat(n - 1) + " <> ''"),
                shape("calls", n -> "ABS(".repeat(n - 1) + "a" + ")".repeat(n - 1) + " = 1"),
                shape("CASE", n -> "CASE WHEN a = 1 THEN ".repeat(n - 1) + "TRUE" + " END".repeat(n - 1)));
    }

    private static Arguments shape(String name, IntFunction<String> where) {
        return Arguments.of(name, where);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void atTheLimitEveryShapeCompilesAndRunsInHalfTheDefaultStack(String name, IntFunction<String> where)
            throws InterruptedException {
        String sql = PREFIX + where.apply(Nesting.MAX_DEPTH);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                outcome.set(Pump.compile(sql, OPTIONS).evaluate("{\"A\": 1}", null, 0L, null));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "half-stack", HALF_STACK);
        small.start();
        small.join();

        assertThat(outcome.get()).as(name).isInstanceOf(Object[].class);
        assertThat((Object[]) outcome.get()).containsExactly(1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void oneLevelMoreIsRefusedWithThePosition(String name, IntFunction<String> where) {
        assertThatThrownBy(() -> Pump.compile(PREFIX + where.apply(Nesting.MAX_DEPTH + 1), OPTIONS))
                .isInstanceOfSatisfying(PumpSqlException.class, e -> {
                    assertThat(e.reason()).isEqualTo("expression nested too deeply: more than 100 levels");
                    assertThat(e.position().line()).isEqualTo(2);
                    assertThat(e.hint()).hasValue("flatten it (drop redundant parentheses, split long chains of"
                            + " operators), or compute part of it in one pump into an intermediate stream and the"
                            + " rest in another");
                });
    }

    @Test
    void aWhereWithThousandsOfNestedParenthesesIsRefusedAtTheFirstLevelTooMany() {
        String where = "(".repeat(5000) + "a = 1" + ")".repeat(5000);
        String line = "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a FROM \"SOURCE_SQL_STREAM_001\" WHERE "
                + where;
        int column = line.indexOf('(') + Nesting.MAX_DEPTH + 1;

        assertThatThrownBy(() -> Pump.compile(PREFIX + where, OPTIONS))
                .isInstanceOf(PumpSqlException.class)
                .hasMessage("line 2:" + column + ": expression nested too deeply: more than 100 levels\n"
                        + line + "\n"
                        + " ".repeat(column - 1) + "^\n"
                        + "Hint: flatten it (drop redundant parentheses, split long chains of operators), or compute"
                        + " part of it in one pump into an intermediate stream and the rest in another");
    }

    @Test
    void longAndAndOrChainsStayShallow() {
        String where = "a = 0" + " OR a = 0".repeat(5000) + " OR a = 1" + " AND a > 0".repeat(5000);
        assertThat(Pump.compile(PREFIX + where, OPTIONS).evaluate("{\"A\": 1}", null, 0L, null))
                .containsExactly(1L);
        assertThat(Pump.compile(PREFIX + where, OPTIONS).evaluate("{\"A\": 2}", null, 0L, null)).isNull();
    }
}
