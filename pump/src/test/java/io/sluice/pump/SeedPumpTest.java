package io.sluice.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pump.sql.PumpSqlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The seed's section 3 program, verbatim, on records shaped like the seed producer's. */
class SeedPumpTest {

    static String resource(String name) throws IOException {
        try (InputStream in = SeedPumpTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<SourceRecord> run(PumpTransform<SourceRecord> t, List<String> lines) {
        List<SourceRecord> out = new ArrayList<>();
        for (String line : lines) {
            SourceRecord r = t.apply(new SourceRecord(Map.of(), Map.of(), "anderson", 0, null, null,
                    Schema.BYTES_SCHEMA, line.getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void seedProgramKeepsOnlyMenTypedByTheDestinationStream() throws IOException {
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        t.configure(Map.of(PumpConfig.SQL_CONFIG, resource("seed.sql")));
        List<SourceRecord> out = run(t, resource("seed-records.jsonl").lines().toList());

        assertThat(out).hasSize(3);
        Schema schema = out.get(0).valueSchema();
        assertThat(schema.name()).isEqualTo("AndersonStream");
        assertThat(schema.fields()).extracting(f -> f.name()).containsExactly("NAME", "AGE", "GENDER", "SCORE", "JOB");
        assertThat(schema.field("AGE").schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(schema.field("NAME").schema().type()).isEqualTo(Schema.Type.STRING);
        Struct first = (Struct) out.get(0).value();
        assertThat(first.getString("NAME")).isEqualTo("Michael Brown");
        assertThat(first.getInt32("AGE")).isEqualTo(17);
        assertThat(first.getString("GENDER")).isEqualTo("M");
        assertThat(first.getInt32("SCORE")).isEqualTo(45);
        assertThat(first.getString("JOB")).isEqualTo("Teacher");
        assertThat(out).extracting(r -> ((Struct) r.value()).getString("NAME"))
                .containsExactly("Michael Brown", "Robert Johnson", "James Wilson");
        assertThat(out).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("anderson");
            assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
        });
    }

    @Test
    void seedPitfallDoubleQuotedLiteralIsAColumnThatDoesNotExist() throws IOException {
        String sql = resource("seed.sql").replace("SIMILAR TO 'M'", "SIMILAR TO \"M\"");
        Pump pump = Pump.compile(sql, Pump.Options.defaults());
        assertThatThrownBy(() -> pump.evaluate("{\"name\":\"a\",\"age\":1,\"gender\":\"M\",\"score\":1,\"job\":\"x\"}",
                null, 0L, null))
                .isInstanceOf(PumpSqlException.class)
                .hasMessage("line 6:27: Column \"M\" does not exist in stream \"SOURCE_SQL_STREAM_001\"\n"
                        + "WHERE \"gender\" SIMILAR TO \"M\";\n"
                        + "                          ^\n"
                        + "Hint: string literals take single quotes: 'M'");
    }

    @Test
    void seedPitfallUnquotedColumnIsUpperCased() throws IOException {
        String sql = resource("seed.sql").replace("WHERE \"gender\" SIMILAR TO 'M'", "WHERE gender = 'M'");
        assertThatThrownBy(() -> Pump.compile(sql, Pump.Options.defaults().withSourceColumns(
                "\"name\" VARCHAR(50), \"age\" INTEGER, \"gender\" VARCHAR(4), \"score\" INTEGER, \"job\" VARCHAR(50)")))
                .isInstanceOf(PumpSqlException.class)
                .hasMessage("line 6:7: Column GENDER does not exist in stream \"SOURCE_SQL_STREAM_001\" (unquoted names"
                        + " are upper-cased)\n"
                        + "WHERE gender = 'M';\n"
                        + "      ^\n"
                        + "Hint: did you mean \"gender\"?");
    }
}
