package io.sluice.console.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's pump on sample records: what passes, what is filtered out, what fails, and SQL mistakes as the CLI says them. */
class PumpPlaygroundTest {

    private static final String MAN = "{\"name\":\"Anderson\",\"age\":30,\"gender\":\"M\",\"score\":90,\"job\":\"Engineer\"}";
    private static final String WOMAN = "{\"name\":\"Bella\",\"age\":28,\"gender\":\"F\",\"score\":70,\"job\":\"Pilot\"}";

    @Test
    void judgesEveryRecordAsTheTransformWould() throws IOException {
        ObjectNode result = PumpPlayground.run(seedSql(), List.of(sample(MAN), sample(WOMAN),
                sample("{\"name\":\"Chris\",\"age\":\"old\",\"gender\":\"M\",\"score\":1,\"job\":\"x\"}")));

        assertThat(result.has("sqlError")).isFalse();
        // the destination's columns are declared unquoted, so upper case, as KDA folds them
        assertThat(result.get("columns").toString()).isEqualTo("[\"NAME\",\"AGE\",\"GENDER\",\"SCORE\",\"JOB\"]");
        assertThat(result.get("passed")).hasSize(1);
        assertThat(result.get("passed").get(0).get("row").toString())
                .isEqualTo("{\"NAME\":\"Anderson\",\"AGE\":30,\"GENDER\":\"M\",\"SCORE\":90,\"JOB\":\"Engineer\"}");
        assertThat(result.get("filtered")).hasSize(1);
        assertThat(result.get("filtered").get(0).get("input").asText()).isEqualTo(WOMAN);
        assertThat(result.get("failed")).hasSize(1);
        assertThat(result.get("failed").get(0).get("error").asText()).startsWith("Coercion_error");
    }

    @Test
    void aMistakeInTheSqlReadsAsTheCliPrintsIt() throws IOException {
        String sql = seedSql().replace("SIMILAR TO 'M'", "= \"M\"");

        ObjectNode error = (ObjectNode) PumpPlayground.run(sql, List.of(sample(MAN))).get("sqlError");

        assertThat(error.get("message").asText()).isEqualTo("""
                line 8:18: Column "M" does not exist in stream "SOURCE_SQL_STREAM_001"
                WHERE "gender" = "M";
                                 ^
                Hint: string literals take single quotes: 'M'""");
        assertThat(error.get("line").asInt()).isEqualTo(8);
        assertThat(error.get("column").asInt()).isEqualTo(18);
        assertThat(error.get("hint").asText()).isEqualTo("string literals take single quotes: 'M'");
    }

    @Test
    void aSyntaxErrorIsReportedBeforeAnyRecordIsRead() {
        ObjectNode result = PumpPlayground.run("CREATE OR REPLACE PUMP", List.of());

        assertThat(result.get("sqlError").get("message").asText()).startsWith("line 1:");
        assertThat(result.has("passed")).isFalse();
    }

    private static PumpPlayground.Sample sample(String json) {
        return new PumpPlayground.Sample(json, 1_767_225_600_000L);
    }

    private static String seedSql() throws IOException {
        return Files.readString(Path.of("../config/pump/anderson-filter.sql"));
    }
}
