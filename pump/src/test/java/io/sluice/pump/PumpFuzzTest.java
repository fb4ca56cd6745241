package io.sluice.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sluice.pump.compile.PumpRecordException;
import io.sluice.pump.sql.PumpSqlException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The pump's part of the hostile-input fuzzing: seeded random SQL (generated expressions over every operator
 * family, some nested past the limits, some mutated into broken text) run on seeded random record values (odd
 * types, huge numbers, long and exotic strings, patterns and regexes from columns, deep nesting, malformed JSON).
 * Every outcome must be a result, a {@link PumpSqlException}, or a {@link PumpRecordException} that is not an
 * Internal_error (which would be a bug caught by the last-resort guard) — and through the transform with
 * {@code pump.errors=route}, a record or a dropped record. Never another exception, never a hang. A failure names
 * the seed, the SQL and the value.
 */
class PumpFuzzTest {

    private static final int PROGRAMS = 2000;
    private static final int VALUES_PER_PROGRAM = 12;
    private static final String COLUMNS = "\"s\" VARCHAR(65535), \"p\" VARCHAR(200), \"i\" BIGINT, \"d\" DOUBLE,"
            + " \"t\" TIMESTAMP, \"b\" BOOLEAN";

    /** What one program or one evaluation came to; counted so the test proves it reaches every outcome. */
    private enum Outcome { REFUSED_SQL, ROW, FILTERED, RECORD_ERROR }

    @Test
    void randomSqlOnRandomRecordsOnlyEverYieldsResultsOrClearErrors() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            for (long seed = 0; seed < PROGRAMS; seed++) {
                Random r = new Random(seed);
                String sql = program(r);
                boolean declared = r.nextInt(4) != 0;
                Pump.Options options = declared ? Pump.Options.defaults().withSourceColumns(COLUMNS)
                        : Pump.Options.defaults();
                Pump pump;
                try {
                    pump = Pump.compile(sql, options);
                } catch (PumpSqlException e) {
                    assertThat(e.getMessage()).as("seed %d", seed).isNotBlank();
                    outcomes.merge(Outcome.REFUSED_SQL, 1, Integer::sum);
                    continue;
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("seed " + seed + ": compiling threw " + e + " on:\n" + sql, e);
                }
                PumpTransform<SourceRecord> transform = transform(sql, declared);
                for (int v = 0; v < VALUES_PER_PROGRAM; v++) {
                    Object value = value(r);
                    outcomes.merge(evaluate(seed, sql, pump, value), 1, Integer::sum);
                    apply(seed, sql, transform, value);
                }
            }
        });
        assertThat(outcomes).as("the generators reach every outcome").containsOnlyKeys(Outcome.values())
                .allSatisfy((outcome, count) -> assertThat(count).as("%s", outcome).isGreaterThan(100));
    }

    private static Outcome evaluate(long seed, String sql, Pump pump, Object value) {
        try {
            return pump.evaluate(value, null, 1_700_000_000_000L, null) == null ? Outcome.FILTERED : Outcome.ROW;
        } catch (PumpRecordException e) {
            if (PumpRecordException.INTERNAL_ERROR.equals(e.errorName())) {
                throw new AssertionError(failure(seed, sql, value, e.getCause()), e.getCause());
            }
            assertThat(e.getMessage()).as("seed %d", seed).isNotBlank();
            return Outcome.RECORD_ERROR;
        } catch (PumpSqlException e) {
            // SQL naming a column the first schemaless record does not have.
            assertThat(e.getMessage()).as("seed %d", seed).isNotBlank();
            return Outcome.REFUSED_SQL;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(failure(seed, sql, value, e), e);
        }
    }

    private static void apply(long seed, String sql, PumpTransform<SourceRecord> transform, Object value) {
        try {
            transform.apply(new SourceRecord(Map.of(), Map.of(), "fuzz", 0, null, value));
        } catch (DataException e) {
            // Only the loud failure for SQL that does not fit inferred columns escapes pump.errors=route.
            if (!(e.getCause() instanceof PumpSqlException)) {
                throw new AssertionError(failure(seed, sql, value, e), e);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(failure(seed, sql, value, e), e);
        }
    }

    private static PumpTransform<SourceRecord> transform(String sql, boolean declared) {
        Map<String, String> props = new HashMap<>(Map.of(PumpConfig.SQL_CONFIG, sql, PumpConfig.ERRORS_CONFIG, "route",
                PumpConfig.ERRORS_TOPIC_CONFIG, "errors"));
        if (declared) {
            props.put(PumpConfig.SOURCE_COLUMNS_CONFIG, COLUMNS);
        }
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        t.configure(props);
        return t;
    }

    private static String failure(long seed, String sql, Object value, Throwable e) {
        String shown = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
        return "seed " + seed + ": " + e + "\nSQL:\n" + sql + "\nvalue: "
                + (shown.length() > 500 ? shown.substring(0, 500) + "..." : shown);
    }

    // ---- SQL

    private static String program(Random r) {
        StringBuilder select = new StringBuilder();
        select.append(string(r, 0)).append(", ").append(number(r, 0)).append(", ").append(bool(r, 0));
        String sql = "CREATE OR REPLACE STREAM \"OUT\" (s VARCHAR(300), n DOUBLE, c BOOLEAN);\n"
                + "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM " + select
                + " FROM \"SOURCE_SQL_STREAM_001\"" + (r.nextInt(3) == 0 ? "" : " WHERE " + bool(r, 0)) + ";";
        if (r.nextInt(15) == 0) {
            sql = sql.replace(" WHERE ", " WHERE " + "(".repeat(150)).replace(";", ")".repeat(150) + ";");
        }
        return r.nextInt(6) == 0 ? mutate(r, sql) : sql;
    }

    private static String mutate(Random r, String sql) {
        StringBuilder sb = new StringBuilder(sql);
        String alphabet = "abcXYZ019 \n'\"()[],;.*+-/|=<>!%_{}$\\`";
        for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
            int at = r.nextInt(sb.length());
            if (r.nextBoolean()) {
                sb.deleteCharAt(at);
            } else {
                sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String bool(Random r, int depth) {
        if (depth > 3 || r.nextInt(5) == 0) {
            return pick(r, "\"b\"", "TRUE", "FALSE", "UNKNOWN", "\"i\" > 0", "\"s\" IS NULL");
        }
        int d = depth + 1;
        switch (r.nextInt(10)) {
            case 0:
                return string(r, d) + " " + pick(r, "=", "<>", "<", ">=") + " " + string(r, d);
            case 1:
                return number(r, d) + " " + pick(r, "=", "<>", "<=", ">") + " " + number(r, d);
            case 2:
                return string(r, d) + (r.nextBoolean() ? " NOT" : "") + " LIKE " + pattern(r)
                        + (r.nextInt(4) == 0 ? " ESCAPE " + pick(r, "'!'", "'\\'", "'%'", "\"p\"") : "");
            case 3:
                return string(r, d) + (r.nextBoolean() ? " NOT" : "") + " SIMILAR TO " + pattern(r)
                        + (r.nextInt(4) == 0 ? " ESCAPE " + pick(r, "'!'", "'\\'", "'('") : "");
            case 4:
                return integer(r, d) + " IN (" + integer(r, d) + ", " + integer(r, d) + ", NULL)";
            case 5:
                return number(r, d) + " BETWEEN " + number(r, d) + " AND " + number(r, d);
            case 6:
                return "NOT (" + bool(r, d) + ")";
            case 7:
                return "(" + bool(r, d) + " " + pick(r, "AND", "OR") + " " + bool(r, d) + ")";
            case 8:
                return "(" + bool(r, d) + ") IS " + pick(r, "TRUE", "NOT FALSE", "UNKNOWN");
            default:
                return "CASE WHEN " + bool(r, d) + " THEN " + bool(r, d) + " ELSE " + bool(r, d) + " END";
        }
    }

    private static String integer(Random r, int depth) {
        if (depth > 3 || r.nextInt(3) == 0) {
            return pick(r, "\"i\"", "0", "1", "-7", "9223372036854775807", "NULL");
        }
        int d = depth + 1;
        switch (r.nextInt(8)) {
            case 0:
                return "(" + integer(r, d) + " " + pick(r, "+", "-", "*", "/") + " " + integer(r, d) + ")";
            case 1:
                return "ABS(" + integer(r, d) + ")";
            case 2:
                return "MOD(" + integer(r, d) + ", " + integer(r, d) + ")";
            case 3:
                return "CHAR_LENGTH(" + string(r, d) + ")";
            case 4:
                return "POSITION(" + string(r, d) + " IN " + string(r, d) + ")";
            case 5:
                return "CAST(" + string(r, d) + " AS " + pick(r, "INTEGER", "TINYINT", "BIGINT") + ")";
            case 6:
                return "UNIX_TIMESTAMP(" + pick(r, "\"t\"", "ROWTIME", "TIMESTAMP '2024-01-01 00:00:00'") + ")";
            default:
                return "CASE WHEN " + bool(r, d) + " THEN " + integer(r, d) + " ELSE " + integer(r, d) + " END";
        }
    }

    private static String number(Random r, int depth) {
        if (depth > 3 || r.nextInt(3) == 0) {
            return pick(r, "\"d\"", "2.5", "1e308", "-0.5", integer(r, depth + 1));
        }
        int d = depth + 1;
        switch (r.nextInt(5)) {
            case 0:
                return "(" + number(r, d) + " " + pick(r, "+", "-", "*", "/") + " " + number(r, d) + ")";
            case 1:
                return pick(r, "FLOOR", "CEIL", "EXP", "LN", "LOG10", "ABS") + "(" + number(r, d) + ")";
            case 2:
                return "POWER(" + number(r, d) + ", " + number(r, d) + ")";
            case 3:
                return "CAST(" + string(r, d) + " AS " + pick(r, "DOUBLE", "DECIMAL(5,2)") + ")";
            default:
                return "COALESCE(" + number(r, d) + ", " + number(r, d) + ")";
        }
    }

    private static String string(Random r, int depth) {
        if (depth > 3 || r.nextInt(4) == 0) {
            return pick(r, "\"s\"", "\"p\"", literal(r), "NULL", "''");
        }
        int d = depth + 1;
        switch (r.nextInt(10)) {
            case 0:
                return string(r, d) + " || " + string(r, d);
            case 1:
                return pick(r, "UPPER", "LOWER", "INITCAP") + "(" + string(r, d) + ")";
            case 2:
                return "TRIM(" + pick(r, "", "LEADING 'a' FROM ", "BOTH FROM ") + string(r, d) + ")";
            case 3:
                return "SUBSTRING(" + string(r, d) + " FROM " + integer(r, d) + " FOR " + integer(r, d) + ")";
            case 4:
                return "OVERLAY(" + string(r, d) + " PLACING " + string(r, d) + " FROM " + integer(r, d) + ")";
            case 5:
                return "REGEX_REPLACE(" + string(r, d) + ", " + regex(r) + ", " + replacement(r)
                        + (r.nextBoolean() ? ", " + integer(r, d) + ", " + integer(r, d) : "") + ")";
            case 6:
                return "CAST(" + integer(r, d) + " AS VARCHAR(" + (1 + r.nextInt(30)) + "))";
            case 7:
                return "NULLIF(" + string(r, d) + ", " + string(r, d) + ")";
            case 8:
                return "TIMESTAMP_TO_CHAR(" + pick(r, "'yyyy-MM-dd'", "'HH:mm'", "\"p\"") + ", \"t\")";
            default:
                return "CASE WHEN " + bool(r, d) + " THEN " + string(r, d) + " ELSE " + string(r, d) + " END";
        }
    }

    private static String literal(Random r) {
        return "'" + randomText(r, "ab%_!\\'() ", 6).replace("'", "''") + "'";
    }

    /** A LIKE/SIMILAR TO pattern: a column (a pattern from the record), a usual one, or metacharacter soup. */
    private static String pattern(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return "\"p\"";
            case 1:
                return pick(r, "'a%'", "'%b_'", "'(a|b)*%'", "'[a-c]+'", "'%'", "'_%_'", "'%a%b%'", "'a{1,3}b?'");
            default:
                return "'" + randomText(r, "ab%_|*+?{}()[]^-!,0123\\", 12).replace("'", "''") + "'";
        }
    }

    private static String regex(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return "\"p\"";
            case 1:
                return pick(r, "'a+'", "'[ab]*'", "'(a|b)c'", "'\\d+'", "'^a'", "'b$'", "''", "'(?P<x>a)(b)?'");
            default:
                return "'" + randomText(r, "ab.*+?()[]{}|^$\\dws0123,<>P=", 10).replace("'", "''") + "'";
        }
    }

    private static String replacement(Random r) {
        return r.nextInt(4) == 0 ? "\"p\"" : "'" + randomText(r, "xy$0123{}\\<>", 5) + "'";
    }

    // ---- values

    private static String randomText(Random r, String alphabet, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(maxLength + 1); n > 0; n--) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static Object value(Random r) {
        switch (r.nextInt(16)) {
            case 0:
                return pick(r, "", "{", "[1, 2]", "42", "null", "{\"s\": }", "{\"s\": \"unterminated}");
            case 1:
                return "{\"s\": " + "[".repeat(600) + "]".repeat(600) + "}";
            case 2:
                return new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            case 3: {
                Map<String, Object> map = new HashMap<>();
                map.put("s", r.nextBoolean() ? List.of(1, "x", List.of()) : Map.of("k", "v"));
                map.put("i", r.nextBoolean() ? "not a number" : 1.5);
                map.put("p", r.nextBoolean() ? new byte[] {1, 2} : new Date(0));
                map.put("t", r.nextBoolean() ? "2024-13-45" : Long.MAX_VALUE);
                return map;
            }
            default:
                return jsonObject(r);
        }
    }

    private static String jsonObject(Random r) {
        List<String> fields = new ArrayList<>();
        fields.add("\"p\": " + (r.nextBoolean() ? jsonString(r)
                : "\"" + randomText(r, "ab%_|*+?{}()[]^-!.\\\\$0123,", 14) + "\""));
        boolean odd = r.nextInt(4) == 0; // mostly well-typed values, so that rows come out too
        fields.add("\"i\": " + (odd ? pick(r, "9223372036854775808", "1e400", "1.5", "\"x\"", "true", "[]")
                : pick(r, "1", "-1", "0", "9223372036854775807", "\"12\"", "null")));
        fields.add("\"d\": " + (odd ? pick(r, "1e-400", "\"NaN\"", "{}", "\"1e999999999\"", "\"-1e-999999999\"")
                : pick(r, "2.5", "-0.0", "1e308", "null")));
        fields.add("\"s\": " + (odd ? pick(r, "\"1e999999999\"", "\"12.5e-999999999\"", "12345678901234567890123")
                : jsonString(r)));
        fields.add("\"t\": " + (odd ? pick(r, "\"2024-02-30\"", "\"yesterday\"", "-9223372036854775808")
                : pick(r, "0", "1700000000000", "\"2024-01-31 10:00:00\"", "null")));
        fields.add("\"b\": " + (odd ? pick(r, "\"true\"", "1") : pick(r, "true", "false", "null")));
        Collections.shuffle(fields, r);
        return "{" + String.join(", ", fields.subList(0, 2 + r.nextInt(fields.size() - 1))) + "}";
    }

    private static String jsonString(Random r) {
        if (r.nextInt(60) == 0) {
            return "\"" + "ab".repeat(35_000) + "\"";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int n = r.nextInt(20); n > 0; n--) {
            switch (r.nextInt(6)) {
                case 0:
                    sb.append("\\ud83d\\ude00"); // a supplementary character
                    break;
                case 1:
                    sb.append(r.nextBoolean() ? "\\ud800" : "\\udc00"); // a lone surrogate
                    break;
                case 2:
                    sb.append("\\n");
                    break;
                default:
                    sb.append("abAB %_é".charAt(r.nextInt(8)));
                    break;
            }
        }
        return sb.append('"').toString();
    }
}
