package io.sluice.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The transform on hostile records (issue #13): long values under LIKE and SIMILAR TO, patterns and JSON from
 * record data, values nested deeper than the limits or than the stack. Each is that record's error under
 * pump.errors, never a hang or an Error that kills the task.
 */
class PumpTransformHostileInputTest {

    private static final String PASS_N = "CREATE STREAM \"OUT\" (n VARCHAR(10));\n"
            + "CREATE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM \"n\" FROM \"SOURCE_SQL_STREAM_001\"";

    private static PumpTransform<SourceRecord> value(Map<String, Object> props) {
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        t.configure(props);
        return t;
    }

    private static PumpTransform<SourceRecord> passN(String errors) {
        return value(Map.of(PumpConfig.SQL_CONFIG, PASS_N, PumpConfig.ERRORS_CONFIG, errors,
                PumpConfig.ERRORS_TOPIC_CONFIG, "errors", PumpConfig.SOURCE_COLUMNS_CONFIG, "\"n\" VARCHAR(10)"));
    }

    private static SourceRecord record(Object value) {
        return new SourceRecord(Map.of(), Map.of(), "people", 3, null, value);
    }

    /** {"n": {"n": ... "x"}} nested {@code depth} Maps deep. */
    private static Map<String, Object> nestedMap(int depth) {
        Object v = "x";
        for (int i = 0; i < depth; i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("n", v);
            v = m;
        }
        Map<String, Object> value = new HashMap<>();
        value.put("n", v);
        return value;
    }

    /** A Struct whose field "n" holds a Struct whose field "n" ... {@code depth} levels down to "x". */
    private static Struct nestedStruct(int depth) {
        Schema schema = SchemaBuilder.struct().field("n", Schema.STRING_SCHEMA).build();
        Struct struct = new Struct(schema).put("n", "x");
        for (int i = 0; i < depth; i++) {
            Schema outer = SchemaBuilder.struct().field("n", schema).build();
            struct = new Struct(outer).put("n", struct);
            schema = outer;
        }
        return struct;
    }

    /** Runs {@code work} in a thread with a stack of {@code bytes}, returning what it returned or threw. */
    private static Object onStackOf(long bytes, Supplier<Object> work) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(work.get());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", bytes);
        thread.start();
        thread.join();
        return outcome.get();
    }

    @Test
    void likeAndSimilarToOnLongValuesAnswerInLinearTime() {
        String sql = "CREATE STREAM \"OUT\" (head VARCHAR(4));\n"
                + "CREATE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM \"t\" FROM \"SOURCE_SQL_STREAM_001\""
                + " WHERE \"t\" LIKE '%a%b%c%d%' OR \"t\" SIMILAR TO '(a|b)*c'";
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql,
                PumpConfig.SOURCE_COLUMNS_CONFIG, "\"t\" VARCHAR(65535)"));
        String longValue = "ab".repeat(30_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(t.apply(record("{\"t\": \"" + longValue + "\"}"))).isNull();
            assertThat(((Struct) t.apply(record("{\"t\": \"" + longValue + "c\"}")).value()).getString("HEAD"))
                    .isEqualTo("abab");
        });
    }

    @Test
    void patternsFromColumnsThatCannotCompileAreThatRecordsError() {
        String sql = "CREATE STREAM \"OUT\" (t VARCHAR(10));\n"
                + "CREATE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM \"t\" FROM \"SOURCE_SQL_STREAM_001\""
                + " WHERE \"t\" SIMILAR TO \"p\"";
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql, PumpConfig.ERRORS_CONFIG, "route",
                PumpConfig.ERRORS_TOPIC_CONFIG, "errors", PumpConfig.SOURCE_COLUMNS_CONFIG,
                "\"t\" VARCHAR(10), \"p\" VARCHAR(100)"));

        assertThat(((Struct) t.apply(record("{\"t\": \"abc\", \"p\": \"a(b|c)+\"}")).value()).getString("T"))
                .isEqualTo("abc");
        Struct error = (Struct) t.apply(record("{\"t\": \"abc\", \"p\": \"((a{1000}){1000}){1000}\"}")).value();
        assertThat(error.getString("ERROR_NAME")).isEqualTo("Invalid_argument");
        assertThat(error.getString("MESSAGE")).isEqualTo("invalid SIMILAR TO pattern '((a{1000}){1000}){1000}': too"
                + " large: more than 1000 elements once repetitions are expanded");
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsThatRecordsInvalidInput() {
        PumpTransform<SourceRecord> t = passN("route");
        String deep = "{\"n\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        Struct error = (Struct) t.apply(record(deep)).value();

        assertThat(error.getString("ERROR_NAME")).isEqualTo("Invalid_input");
        assertThat(error.getString("MESSAGE")).isEqualTo("invalid JSON: Document nesting depth (501) exceeds the"
                + " maximum allowed (500, from `StreamReadConstraints.getMaxNestingDepth()`)");
        assertThat(((Struct) t.apply(record("{\"n\": [[1]]}")).value()).getString("N")).isEqualTo("[[1]]");
    }

    @Test
    void aJsonNumberBeyondDoubleIsThatRecordsCoercionError() {
        String sql = "CREATE STREAM \"OUT\" (i BIGINT);\n"
                + "CREATE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM \"i\" FROM \"SOURCE_SQL_STREAM_001\"";
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql, PumpConfig.ERRORS_CONFIG, "route",
                PumpConfig.ERRORS_TOPIC_CONFIG, "errors", PumpConfig.SOURCE_COLUMNS_CONFIG, "\"i\" BIGINT"));

        Struct error = (Struct) t.apply(record("{\"i\": 1e400}")).value();

        assertThat(error.getString("ERROR_NAME")).isEqualTo("Coercion_error");
        assertThat(error.getString("MESSAGE")).isEqualTo("column \"i\": cannot convert Infinity to BIGINT");
    }

    @Test
    void numbersWithHugeExponentsAreJudgedWithoutExpandingThem() {
        String sql = "CREATE STREAM \"OUT\" (d DECIMAL(5,2), c DECIMAL(5,2), i BIGINT, s VARCHAR(30));\n"
                + "CREATE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM \"d\", CAST(\"t\" AS DECIMAL(5,2)), \"i\","
                + " \"s\" FROM \"SOURCE_SQL_STREAM_001\"";
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql, PumpConfig.ERRORS_CONFIG, "route",
                PumpConfig.ERRORS_TOPIC_CONFIG, "errors", PumpConfig.SOURCE_COLUMNS_CONFIG,
                "\"d\" DECIMAL(5,2), \"t\" VARCHAR(20), \"i\" BIGINT, \"s\" VARCHAR(30)"));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(((Struct) t.apply(record("{\"d\": \"1e999999999\"}")).value()).getString("MESSAGE"))
                    .isEqualTo("column \"d\": value 1E+999999999 is out of range for DECIMAL(5,2)");
            assertThat(((Struct) t.apply(record("{\"t\": \"-1e999999999\"}")).value()).getString("MESSAGE"))
                    .isEqualTo("value -1E+999999999 is out of range for DECIMAL(5,2)");
            Struct tiny = (Struct) t.apply(record("{\"d\": \"1e-999999999\", \"t\": \"-1e-999999999\"}")).value();
            assertThat(tiny.get("D")).isEqualTo(new BigDecimal("0.00"));
            assertThat(tiny.get("C")).isEqualTo(new BigDecimal("0.00"));

            Map<String, Object> fromAConverter = Map.of("i", new BigDecimal("1e-999999999"),
                    "s", new BigDecimal("1e999999999"));
            assertThat(((Struct) t.apply(record(fromAConverter)).value()).getString("MESSAGE"))
                    .isEqualTo("column \"i\": cannot convert 1E-999999999 to BIGINT");
            assertThat(((Struct) t.apply(record(Map.of("s", new BigDecimal("1e999999999")))).value()).getString("S"))
                    .isEqualTo("1E+999999999");
        });
    }

    @Test
    void aMapNestedDeeperThanTheLimitIsThatRecordsCoercionError() {
        PumpTransform<SourceRecord> t = passN("route");

        Struct error = (Struct) t.apply(record(nestedMap(100_000))).value();

        assertThat(error.getString("ERROR_NAME")).isEqualTo("Coercion_error");
        assertThat(error.getString("MESSAGE")).isEqualTo("column \"n\": cannot convert a value nested more than 500"
                + " levels deep to text");
        assertThat(error.getString("DATA_ROW")).as("too deep for Map.toString as well")
                .isEqualTo("(a HashMap nested too deeply to print)");
    }

    @Test
    void aStackOverflowOnOneRecordIsThatRecordsErrorAndTheNextRecordFlows() throws InterruptedException {
        // Connect's Struct prints itself recursively, and reading a Struct into VARCHAR prints it: 3000 levels need
        // megabytes of stack (building them too, as Struct.put validates recursively), far beyond 136 KiB.
        long smallStack = 136 * 1024;
        Struct deep = (Struct) onStackOf(64L * 1024 * 1024, () -> nestedStruct(3000));
        Map<String, Object> plain = Map.of("n", "ok");

        PumpTransform<SourceRecord> routing = passN("route");
        Struct error = (Struct) ((SourceRecord) onStackOf(smallStack, () -> routing.apply(record(deep)))).value();
        assertThat(error.getString("ERROR_NAME")).isEqualTo("Internal_error");
        assertThat(error.getString("MESSAGE"))
                .isEqualTo("processing the record overflowed the stack; a value in it may be nested too deeply");
        assertThat(error.getString("DATA_ROW")).isEqualTo("(a Struct nested too deeply to print)");
        assertThat(((Struct) ((SourceRecord) onStackOf(smallStack, () -> routing.apply(record(plain)))).value())
                .getString("N")).isEqualTo("ok");

        PumpTransform<SourceRecord> skipping = passN("skip");
        assertThat(onStackOf(smallStack, () -> skipping.apply(record(deep)))).isNull();
        assertThat(skipping.skippedCount()).isEqualTo(1);

        PumpTransform<SourceRecord> failing = passN("fail");
        assertThat(onStackOf(smallStack, () -> failing.apply(record(deep))))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "Internal_error in reading the input (topic people, partition 3): processing the record"
                                + " overflowed the stack; a value in it may be nested too deeply"));
    }
}
