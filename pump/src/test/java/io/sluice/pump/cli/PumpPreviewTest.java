package io.sluice.pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pump.TestResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview CLI behind {@code bin/sluice pump}: JSON lines in, JSON lines out, errors on stderr. */
class PumpPreviewTest {

    @TempDir
    Path dir;
    private Path sql;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeSeed() throws Exception {
        sql = dir.resolve("seed.sql");
        Files.writeString(sql, TestResources.read("seed.sql"));
    }

    private int run(String stdin, String... args) {
        return PumpPreview.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsTheSeedOnStdin() {
        int code = run(TestResources.read("seed-records.jsonl"), "--sql", sql.toString());
        assertThat(code).isZero();
        assertThat(out()).isEqualTo(
                "{\"NAME\":\"Michael Brown\",\"AGE\":17,\"GENDER\":\"M\",\"SCORE\":45,\"JOB\":\"Teacher\"}\n"
                + "{\"NAME\":\"Robert Johnson\",\"AGE\":11,\"GENDER\":\"M\",\"SCORE\":65,\"JOB\":\"Programmer, multimedia\"}\n"
                + "{\"NAME\":\"James Wilson\",\"AGE\":20,\"GENDER\":\"M\",\"SCORE\":60,\"JOB\":\"Surveyor, mining\"}\n"
                        .replace("\n", System.lineSeparator()));
        assertThat(err()).isEmpty();
    }

    @Test
    void readsAnInputFile() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, TestResources.read("seed-records.jsonl"));
        assertThat(run("", "--sql", sql.toString(), "--input", input.toString())).isZero();
        assertThat(out().lines()).hasSize(3);
    }

    @Test
    void sqlErrorsGoToStderrWithPositionAndExitCode2() throws Exception {
        Files.writeString(sql, TestResources.read("seed.sql").replace("SIMILAR TO 'M'", "SIMILAR TO \"M\""));
        int code = run(TestResources.read("seed-records.jsonl"), "--sql", sql.toString());
        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith(sql + ": line 6:27: Column \"M\" does not exist")
                .contains("WHERE \"gender\" SIMILAR TO \"M\";")
                .contains("Hint: string literals take single quotes: 'M'");
    }

    @Test
    void syntaxErrorsExitWith2BeforeReadingInput() throws Exception {
        Files.writeString(sql, "CREATE STREAM \"D\" (a INT;");
        assertThat(run("", "--sql", sql.toString())).isEqualTo(2);
        assertThat(err()).contains("line 1:25: mismatched input ';'. Expecting: ')', ','");
    }

    @Test
    void recordErrorsFailSkipOrRoute() {
        String input = "{\"name\":\"A\",\"age\":1,\"gender\":\"M\",\"score\":1,\"job\":\"j\"}\nnot json\n"
                + "{\"name\":\"B\",\"age\":2,\"gender\":\"M\",\"score\":2,\"job\":\"k\"}\n";
        assertThat(run(input, "--sql", sql.toString())).isEqualTo(1);
        assertThat(err()).startsWith("<stdin>:2: Invalid_input: invalid JSON");
        assertThat(out().lines()).hasSize(1);

        out.reset();
        err.reset();
        assertThat(run(input, "--sql", sql.toString(), "--errors", "skip")).isZero();
        assertThat(out().lines()).hasSize(2);
        assertThat(err()).contains("skipped 1 record with errors");

        out.reset();
        err.reset();
        assertThat(run(input, "--sql", sql.toString(), "--errors", "route")).isZero();
        assertThat(out().lines()).hasSize(2);
        assertThat(err()).contains("\"ERROR_NAME\":\"Invalid_input\"").contains("\"DATA_ROW\":\"not json\"");
    }

    @Test
    void badUsageExitsWith64() {
        assertThat(run("", "--input", "x")).isEqualTo(64);
        assertThat(err()).contains("--sql FILE is required").contains("usage: sluice pump");
        err.reset();
        assertThat(run("", "--sql", sql.toString(), "--bogus")).isEqualTo(64);
        assertThat(err()).contains("unknown argument '--bogus'");
    }

    @Test
    void explainsThePlanForTheColumnsOfTheFirstRecord() {
        int code = run("\n{\"name\": \"Kim\", \"age\": 15, \"gender\": \"M\", \"score\": 60, \"job\": \"Pilot\","
                + " \"i\": 0}\n{\"not\": \"read\"}\n", "--sql", sql.toString(), "--explain");
        assertThat(code).isZero();
        assertThat(out()).isEqualTo("""
                source "SOURCE_SQL_STREAM_001" (* = read by the pumps)
                  * "name" VARCHAR(65535)
                  * "age" BIGINT
                  * "gender" VARCHAR(65535)
                  * "score" BIGINT
                  * "job" VARCHAR(65535)
                    "i" BIGINT
                pump "STREAM_PUMP": "SOURCE_SQL_STREAM_001" -> "AndersonStream"
                  WHERE ("gender" SIMILAR TO 'M')  BOOLEAN
                  "NAME" VARCHAR(50) <- "name"  VARCHAR(65535)
                  "AGE" INTEGER <- "age"  BIGINT
                  "GENDER" VARCHAR(4) <- "gender"  VARCHAR(65535)
                  "SCORE" INTEGER <- "score"  BIGINT
                  "JOB" VARCHAR(50) <- "job"  VARCHAR(65535)
                """);
        assertThat(err()).isEmpty();
    }

    @Test
    void explainsDeclaredColumnsWithoutInputAndShowsExpressionsAsWrittenWithTheirGrouping() throws Exception {
        Path chain = dir.resolve("chain.sql");
        Files.writeString(chain, """
                CREATE STREAM "OUT" (label VARCHAR(20), total DECIMAL(10,2), flag BOOLEAN);
                CREATE PUMP "P" AS INSERT INTO "OUT" (label, total)
                SELECT STREAM UPPER(SUBSTRING(name FROM 1 FOR 3)) || '!', price * qty
                FROM "SOURCE_SQL_STREAM_001" WHERE qty BETWEEN 1 AND 10 AND name IS NOT NULL;
                """);
        int code = run("", "--sql", chain.toString(), "--explain", "--source-columns",
                "name VARCHAR(40), price DECIMAL(8,2), qty INTEGER, note VARCHAR(5)");
        assertThat(code).isZero();
        assertThat(out()).isEqualTo("""
                source "SOURCE_SQL_STREAM_001" (* = read by the pumps)
                  * "NAME" VARCHAR(40)
                  * "PRICE" DECIMAL(8,2)
                  * "QTY" INTEGER
                    "NOTE" VARCHAR(5)
                pump "P": "SOURCE_SQL_STREAM_001" -> "OUT"
                  WHERE ((qty BETWEEN 1 AND 10) AND (name IS NOT NULL))  BOOLEAN
                  "LABEL" VARCHAR(20) <- (UPPER(SUBSTRING(name, 1, 3)) || '!')  VARCHAR(41)
                  "TOTAL" DECIMAL(10,2) <- (price * qty)  DECIMAL(19,2)
                  "FLAG" BOOLEAN <- NULL (not in the INSERT list)
                """);
    }

    @Test
    void explainNeedsDeclaredColumnsOrARecord() {
        assertThat(run("", "--sql", sql.toString(), "--explain")).isEqualTo(64);
        assertThat(err()).isEqualTo("sluice pump: the source columns of SOURCE_SQL_STREAM_001 are inferred from the"
                + " records: give one record to explain the plan for, or declare the columns (--source-columns"
                + " 'COLUMNS', or a record on stdin or --input)" + System.lineSeparator());
    }

    @Test
    void explainRefusesAFirstRecordItCannotReadWithoutAStackOverflow() {
        assertThat(run("not json\n", "--sql", sql.toString(), "--explain")).isEqualTo(1);
        assertThat(err()).isEqualTo("sluice pump: the first record cannot be read: invalid JSON: Unrecognized token"
                + " 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                + System.lineSeparator());
        err.reset();
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThat(run(deep + "\n", "--sql", sql.toString(), "--explain")).isEqualTo(1);
        assertThat(err()).isEqualTo("sluice pump: the first record cannot be read: invalid JSON: Document nesting"
                + " depth (501) exceeds the maximum allowed (500, from `StreamReadConstraints.getMaxNestingDepth()`)"
                + System.lineSeparator());
        assertThat(out()).isEmpty();
    }
}
