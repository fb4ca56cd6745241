package io.sluice.pump.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sluice.pump.Pump;
import io.sluice.pump.TestResources;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random SQL never crashes the compiler: whatever the input, it either compiles or fails with a
 * {@link PumpSqlException} that has a position inside the text. Seeded generators, so failures reproduce.
 */
class ParserRobustnessTest {

    private static final String[] FRAGMENTS = {"CREATE", "OR", "REPLACE", "STREAM", "PUMP", "AS", "INSERT", "INTO",
        "SELECT", "FROM", "WHERE", "\"S\"", "\"D\"", "\"SOURCE_SQL_STREAM_001\"", "a", "b", "\"a\"", "(", ")", ",", ";",
        "*", "+", "-", "/", "||", "=", "<>", "<", ">=", "AND", "NOT", "NULL", "IS", "IN", "BETWEEN", "LIKE",
        "SIMILAR", "TO", "ESCAPE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "VARCHAR(5)", "INTEGER",
        "DECIMAL(3,1)", "TIMESTAMP", "'x'", "'%a_'", "1", "2.5", "1e3", "TRUE", "UNKNOWN", "INTERVAL '1' HOUR",
        "SUBSTRING", "TRIM", "FLOOR", "EXTRACT", "HOUR", "FOR", "COUNT", "GROUP", "BY", "OVER", "--", "/*", "*/",
        "\"", "'", "X'0a'", "CURRENT_TIMESTAMP", "ROWTIME", ".", "\n", "UPPER", "COALESCE", "NULLIF", "STEP"};

    private static void mustFailCleanlyOrCompile(String sql, long seed) {
        try {
            Pump.compile(sql, Pump.Options.defaults().withSourceColumns("a INTEGER, b VARCHAR(10), \"a\" DOUBLE"));
        } catch (PumpSqlException e) {
            assertThat(e.getMessage()).as("seed %d: %s", seed, sql).isNotBlank();
            if (e.position() != null) {
                assertThat(e.position().line()).as("seed %d", seed).isPositive();
                assertThat(e.position().offset()).as("seed %d", seed).isBetween(0, sql.length());
            }
        } catch (RuntimeException e) {
            fail("seed " + seed + ": crashed with " + e + " on:\n" + sql, e);
        }
    }

    @Test
    void randomTokenSoupFailsCleanly() {
        for (long seed = 0; seed < 5000; seed++) {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]).append(r.nextInt(4) == 0 ? "" : " ");
            }
            mustFailCleanlyOrCompile(sb.toString(), seed);
        }
    }

    @Test
    void mutatedSeedProgramFailsCleanly() {
        String seedSql = TestResources.read("seed.sql");
        String alphabet = "abcXYZ019 \n\t'\"()[],;.*+-/|=<>!%_{}$\\`";
        for (long seed = 0; seed < 3000; seed++) {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder(seedSql);
            int edits = 1 + r.nextInt(4);
            for (int i = 0; i < edits; i++) {
                int at = r.nextInt(sb.length() + 1);
                switch (r.nextInt(3)) {
                    case 0:
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                        break;
                    case 1:
                        sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                        break;
                    default:
                        if (at < sb.length()) {
                            sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                        }
                        break;
                }
            }
            mustFailCleanlyOrCompile(sb.toString(), seed);
        }
    }

    @Test
    void randomBytesFailCleanly() {
        for (long seed = 0; seed < 2000; seed++) {
            Random r = new Random(seed);
            char[] chars = new char[r.nextInt(60)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (r.nextInt(4) == 0 ? r.nextInt(0x3000) : 32 + r.nextInt(95));
            }
            mustFailCleanlyOrCompile(new String(chars), seed);
        }
    }
}
