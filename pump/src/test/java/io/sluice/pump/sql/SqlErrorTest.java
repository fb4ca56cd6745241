package io.sluice.pump.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pump.Pump;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configure-time error, with its exact message: {@code line L:C: reason}, the offending line, a caret under
 * the column, and the hint. The source stream is declared as {@code a INTEGER, b VARCHAR(10)}.
 */
class SqlErrorTest {

    private static final String SRC = "CREATE STREAM \"D\" (a INTEGER, b VARCHAR(10));\n";

    static Stream<Arguments> errors() {
        return Stream.of(
        Arguments.of("",
                "line 1:1: no statements: the SQL is empty\n"
                        + "\n"
                        + "^\n"
                        + "Hint: write CREATE OR REPLACE STREAM ... and CREATE OR REPLACE PUMP ... AS INSERT INTO ..."),
        Arguments.of("-- only a comment",
                "line 1:1: no statements: the SQL is empty\n"
                        + "-- only a comment\n"
                        + "^\n"
                        + "Hint: write CREATE OR REPLACE STREAM ... and CREATE OR REPLACE PUMP ... AS INSERT INTO ..."),
        Arguments.of("SELECT * FROM x",
                "line 1:1: a bare SELECT is not a pump\n"
                        + "SELECT * FROM x\n"
                        + "^\n"
                        + "Hint: write CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION\" SELECT STREAM ..."),
        Arguments.of("CREATE TABLE t (a INT)",
                "line 1:8: CREATE TABLE is not supported in a pump\n"
                        + "CREATE TABLE t (a INT)\n"
                        + "       ^\n"
                        + "Hint: a pump has streams and pumps only: CREATE OR REPLACE STREAM / CREATE OR REPLACE PUMP"),
        Arguments.of("CREATE OR STREAM x (a INT)",
                "line 1:11: mismatched input 'STREAM'. Expecting: 'REPLACE'\n"
                        + "CREATE OR STREAM x (a INT)\n"
                        + "          ^"),
        Arguments.of("CREATE STREAM \"D\" (a STRING)",
                "line 1:22: mismatched input 'STRING'. Expecting: <type>\n"
                        + "CREATE STREAM \"D\" (a STRING)\n"
                        + "                     ^\n"
                        + "Hint: use VARCHAR(n) for text"),
        Arguments.of("CREATE STREAM \"D\" (a VARCHAR(0))",
                "line 1:30: length 0 is out of range: it must be between 1 and 65535\n"
                        + "CREATE STREAM \"D\" (a VARCHAR(0))\n"
                        + "                             ^"),
        Arguments.of("CREATE STREAM \"D\" (a DECIMAL(20,2))",
                "line 1:30: DECIMAL precision 20 is out of range: it must be between 1 and 19\n"
                        + "CREATE STREAM \"D\" (a DECIMAL(20,2))\n"
                        + "                             ^"),
        Arguments.of("CREATE STREAM \"D\" (a INT, a INT)",
                "line 1:27: Column A is declared twice\n"
                        + "CREATE STREAM \"D\" (a INT, a INT)\n"
                        + "                          ^"),
        Arguments.of("CREATE STREAM \"D\" (a INT",
                "line 1:25: mismatched input '<EOF>'. Expecting: ')', ','\n"
                        + "CREATE STREAM \"D\" (a INT\n"
                        + "                        ^"),
        Arguments.of("CREATE STREAM 'D' (a INT)",
                "line 1:15: mismatched input ''D''. Expecting: <identifier>\n"
                        + "CREATE STREAM 'D' (a INT)\n"
                        + "              ^\n"
                        + "Hint: names take double quotes (\"D\"); single quotes make a string literal"),
        Arguments.of("CREATE STREAM \"D\" (select INT)",
                "line 1:20: mismatched input 'select'. Expecting: <identifier>\n"
                        + "CREATE STREAM \"D\" (select INT)\n"
                        + "                   ^\n"
                        + "Hint: SELECT is a reserved word; quote it to use it as a name: \"select\""),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT a, b FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:43: mismatched input 'a'. Expecting: 'STREAM'\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT a, b FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                          ^\n"
                        + "Hint: a pump reads a stream: SELECT STREAM ..."),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" GROUP BY a",
                "line 2:84: GROUP BY is not supported in a pump. A pump runs as a Kafka Connect transform that sees one record at a time and keeps nothing between records, so it can filter, convert and project rows but cannot group, window, aggregate, join or look back.\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" GROUP BY a\n"
                        + "                                                                                   ^\n"
                        + "Hint: run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka Streams); keep the per-record filter and projection in the pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM COUNT(*), b FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:50: COUNT (an aggregate) is not supported in a pump. A pump runs as a Kafka Connect transform that sees one record at a time and keeps nothing between records, so it can filter, convert and project rows but cannot group, window, aggregate, join or look back.\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM COUNT(*), b FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                                 ^\n"
                        + "Hint: run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka Streams); keep the per-record filter and projection in the pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, LAG(b, 1) FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:53: LAG (an analytic function over earlier rows) is not supported in a pump. A pump runs as a Kafka Connect transform that sees one record at a time and keeps nothing between records, so it can filter, convert and project rows but cannot group, window, aggregate, join or look back.\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, LAG(b, 1) FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                                    ^\n"
                        + "Hint: run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka Streams); keep the per-record filter and projection in the pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" AS s JOIN \"X\" ON true",
                "line 2:89: A join is not supported in a pump. A pump runs as a Kafka Connect transform that sees one record at a time and keeps nothing between records, so it can filter, convert and project rows but cannot group, window, aggregate, join or look back.\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" AS s JOIN \"X\" ON true\n"
                        + "                                                                                        ^\n"
                        + "Hint: run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka Streams); keep the per-record filter and projection in the pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WINDOW w AS (RANGE INTERVAL '1' MINUTE PRECEDING)",
                "line 2:84: WINDOW is not supported in a pump. A pump runs as a Kafka Connect transform that sees one record at a time and keeps nothing between records, so it can filter, convert and project rows but cannot group, window, aggregate, join or look back.\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WINDOW w AS (RANGE INTERVAL '1' MINUTE PRECEDING)\n"
                        + "                                                                                   ^\n"
                        + "Hint: run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka Streams); keep the per-record filter and projection in the pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM * FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\"), 100, 2, 8))",
                "line 2:57: FROM TABLE(...) (HOTSPOTS, RANDOM_CUT_FOREST and other table functions) is not supported in a pump. A pump runs as a Kafka Connect transform that sees one record at a time and keeps nothing between records, so it can filter, convert and project rows but cannot group, window, aggregate, join or look back.\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM * FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\"), 100, 2, 8))\n"
                        + "                                                        ^\n"
                        + "Hint: run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka Streams); keep the per-record filter and projection in the pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, SUM(a) OVER w FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:53: SUM (an aggregate) is not supported in a pump. A pump runs as a Kafka Connect transform that sees one record at a time and keeps nothing between records, so it can filter, convert and project rows but cannot group, window, aggregate, join or look back.\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, SUM(a) OVER w FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                                    ^\n"
                        + "Hint: run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka Streams); keep the per-record filter and projection in the pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = ",
                "line 2:94: mismatched input '<EOF>'. Expecting: <expression>\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = \n"
                        + "                                                                                             ^"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 'x",
                "line 2:94: unterminated string literal\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 'x\n"
                        + "                                                                                             ^\n"
                        + "Hint: close it with ' (write '' for a quote inside)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a IS 3",
                "line 2:95: mismatched input '3'. Expecting: 'FALSE', 'NOT', 'NULL', 'TRUE', 'UNKNOWN'\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a IS 3\n"
                        + "                                                                                              ^"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 1 b",
                "line 2:96: mismatched input 'b'. Expecting: ';', <EOF>\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 1 b\n"
                        + "                                                                                               ^"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"E\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:32: Stream \"E\" does not exist\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"E\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                               ^\n"
                        + "Hint: declare it: CREATE OR REPLACE STREAM \"E\" (...)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE\"",
                "line 2:60: Stream \"SOURCE\" does not exist\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE\"\n"
                        + "                                                           ^\n"
                        + "Hint: the source stream is \"SOURCE_SQL_STREAM_001\""),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" (a, c) SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:40: Column C does not exist in stream \"D\"\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" (a, c) SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                       ^"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:36: INSERT INTO \"D\": stream \"D\" has 2 columns but the SELECT gives 1 value\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                   ^\n"
                        + "Hint: list the target columns: INSERT INTO \"S\" (\"a\", \"b\") SELECT STREAM ..."),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE FOO(a) = 1",
                "line 2:90: Unknown function FOO\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE FOO(a) = 1\n"
                        + "                                                                                         ^\n"
                        + "Hint: did you mean FLOOR?"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE UPER(b) = 'X'",
                "line 2:90: Unknown function UPER\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE UPER(b) = 'X'\n"
                        + "                                                                                         ^\n"
                        + "Hint: did you mean UPPER?"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE b = 1",
                "line 2:92: Cannot compare VARCHAR(10) with INTEGER ('=')\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE b = 1\n"
                        + "                                                                                           ^\n"
                        + "Hint: convert one side explicitly, e.g. CAST(x AS INTEGER)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM b, a FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:50: Cannot insert VARCHAR(10) into column \"A\" INTEGER of stream \"D\"\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM b, a FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                                 ^\n"
                        + "Hint: convert it: CAST(... AS INTEGER)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a",
                "line 2:90: WHERE needs a BOOLEAN condition, got INTEGER\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a\n"
                        + "                                                                                         ^\n"
                        + "Hint: compare it with something, e.g. WHERE x = 'value'"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE CHAR_LENGTH(a) > 1",
                "line 2:102: CHAR_LENGTH expects a VARCHAR as argument 1, got INTEGER\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE CHAR_LENGTH(a) > 1\n"
                        + "                                                                                                     ^\n"
                        + "Hint: convert it with CAST(... AS VARCHAR(n))"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE b SIMILAR TO 'a(b'",
                "line 2:103: SIMILAR TO pattern 'a(b' has an unmatched (\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE b SIMILAR TO 'a(b'\n"
                        + "                                                                                                      ^"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE b LIKE 'a' ESCAPE 'xy'",
                "line 2:108: ESCAPE must be exactly one character, got 'xy'\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE b LIKE 'a' ESCAPE 'xy'\n"
                        + "                                                                                                           ^"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a + 'x', b FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:52: Cannot apply '+' to INTEGER and VARCHAR(1)\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a + 'x', b FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                                   ^\n"
                        + "Hint: convert the string with CAST(... AS <number type>)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM x.a, b FROM \"SOURCE_SQL_STREAM_001\" AS s",
                "line 2:50: Stream X is not in FROM (it reads \"SOURCE_SQL_STREAM_001\" AS \"S\")\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM x.a, b FROM \"SOURCE_SQL_STREAM_001\" AS s\n"
                        + "                                                 ^"),
        Arguments.of(SRC + "CREATE STREAM \"E\" (a INTEGER, b VARCHAR(10));\nCREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\";\nCREATE PUMP \"Q\" AS INSERT INTO \"E\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\"",
                "line 3:1: more than one destination stream: \"D\", \"E\"\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\";\n"
                        + "^\n"
                        + "Hint: choose one with pump.destination.stream (--destination in the preview)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\";\nCREATE PUMP \"Q\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\"",
                "line 3:1: stream \"D\" is fed by 2 pumps (\"P\", \"Q\"), but a transform emits at most one record per input record\n"
                        + "CREATE PUMP \"Q\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "^\n"
                        + "Hint: combine them into one pump with OR in WHERE and CASE in SELECT, or run one transform per pump"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = TIMESTAMP '2024-13-01 00:00:00'",
                "line 2:104: invalid TIMESTAMP literal '2024-13-01 00:00:00'\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = TIMESTAMP '2024-13-01 00:00:00'\n"
                        + "                                                                                                       ^\n"
                        + "Hint: write TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.fff]'"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 1 /* unterminated",
                "line 2:96: unterminated comment\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 1 /* unterminated\n"
                        + "                                                                                               ^\n"
                        + "Hint: close it with */"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = `x`",
                "line 2:94: unexpected character '`'\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = `x`\n"
                        + "                                                                                             ^\n"
                        + "Hint: identifiers are quoted with double quotes: \"name\""),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 123abc",
                "line 2:94: invalid number '123abc'\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a = 123abc\n"
                        + "                                                                                             ^\n"
                        + "Hint: separate the number from the word after it"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, CAST(a AS TIMESTAMP) FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:53: Cannot CAST INTEGER to TIMESTAMP\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, CAST(a AS TIMESTAMP) FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                                    ^\n"
                        + "Hint: use TO_TIMESTAMP(epoch ms)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, SUBSTRING(b, 'x') FROM \"SOURCE_SQL_STREAM_001\"",
                "line 2:66: SUBSTRING expects an integer as argument 2, got VARCHAR(1)\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, SUBSTRING(b, 'x') FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "                                                                 ^"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE ABS(a, 1) = 1",
                "line 2:90: ABS takes 1 argument, got 2\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE ABS(a, 1) = 1\n"
                        + "                                                                                         ^\n"
                        + "Hint: usage: ABS(number)"),
        Arguments.of(SRC + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a IN (SELECT 1)",
                "line 2:96: subqueries are not supported in a pump\n"
                        + "CREATE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM a, b FROM \"SOURCE_SQL_STREAM_001\" WHERE a IN (SELECT 1)\n"
                        + "                                                                                               ^\n"
                        + "Hint: list the values: x IN ('a', 'b')"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsWithExactMessage(String sql, String message) {
        assertThatThrownBy(() -> Pump.compile(sql, Pump.Options.defaults().withSourceColumns("a INTEGER, b VARCHAR(10)")))
                .isInstanceOf(PumpSqlException.class)
                .hasMessage(message);
    }
}
