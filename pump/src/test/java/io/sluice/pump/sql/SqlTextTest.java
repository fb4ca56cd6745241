package io.sluice.pump.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions written back as SQL: grouping made explicit, and text that parses to the same tree. */
class SqlTextTest {

    @Test
    void writesEveryKindOfExpressionWithItsGroupingVisible() {
        assertThat(SqlText.of(Parser.parseExpression("a + b * -c"))).isEqualTo("(a + (b * (-c)))");
        assertThat(SqlText.of(Parser.parseExpression("NOT x IS NULL OR \"Q\"\"uote\" IS NOT TRUE")))
                .isEqualTo("((NOT (x IS NULL)) OR (\"Q\"\"uote\" IS NOT TRUE))");
        assertThat(SqlText.of(Parser.parseExpression("s.v NOT BETWEEN 1 AND 2 AND w IN ('a', 'b')")))
                .isEqualTo("((s.v NOT BETWEEN 1 AND 2) AND (w IN ('a', 'b')))");
        assertThat(SqlText.of(Parser.parseExpression("n NOT LIKE 'a!%' ESCAPE '!' OR n SIMILAR TO 'b+'")))
                .isEqualTo("((n NOT LIKE 'a!%' ESCAPE '!') OR (n SIMILAR TO 'b+'))");
        assertThat(SqlText.of(Parser.parseExpression("CASE WHEN a > 1 THEN 'x' ELSE NULL END")))
                .isEqualTo("CASE WHEN (a > 1) THEN 'x' ELSE NULL END");
        assertThat(SqlText.of(Parser.parseExpression("CAST(EXTRACT(HOUR FROM ts) AS VARCHAR(2))")))
                .isEqualTo("CAST(EXTRACT(HOUR FROM ts) AS VARCHAR(2))");
    }

    @Test
    void theTextParsesBackToTheSameText() {
        for (String sql : List.of("a + b * -c", "CASE x WHEN 1 THEN 'one' END || 'z'", "x IS NOT UNKNOWN",
                "UPPER(TRIM(LEADING 'x' FROM name))", "COALESCE(a, b, 0) / 2.50", "POSITION('a' IN s FROM 2)",
                "OVERLAY(s PLACING 'ab' FROM 2 FOR 1)", "FLOOR(ts TO HOUR) = CEIL(2.5)", "SUBSTRING(s FROM 2)",
                "TIMESTAMP '2024-01-31 10:00:00' + INTERVAL '1' DAY")) {
            String once = SqlText.of(Parser.parseExpression(sql));
            assertThat(SqlText.of(Parser.parseExpression(once))).as(sql).isEqualTo(once);
        }
    }
}
