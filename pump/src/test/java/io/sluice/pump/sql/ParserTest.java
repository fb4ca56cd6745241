package io.sluice.pump.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pump.type.SqlType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every construct of the grammar, shown as an S-expression of the AST it parses to. */
class ParserTest {

    static String show(Ast.Expr e) {
        if (e instanceof Ast.Literal) {
            Ast.Literal l = (Ast.Literal) e;
            return l.type().isString() ? "'" + l.value() + "':" + l.type() : l.value() + ":" + l.type();
        }
        if (e instanceof Ast.ColumnRef) {
            Ast.ColumnRef c = (Ast.ColumnRef) e;
            return (c.qualifier() == null ? "" : c.qualifier().name() + ".") + "[" + c.column().name() + "]";
        }
        if (e instanceof Ast.Unary) {
            Ast.Unary u = (Ast.Unary) e;
            return "(" + u.operator() + " " + show(u.operand()) + ")";
        }
        if (e instanceof Ast.Binary) {
            Ast.Binary b = (Ast.Binary) e;
            return "(" + b.operator() + " " + show(b.left()) + " " + show(b.right()) + ")";
        }
        if (e instanceof Ast.IsNull) {
            Ast.IsNull n = (Ast.IsNull) e;
            return "(IS " + (n.negated() ? "NOT " : "") + "NULL " + show(n.operand()) + ")";
        }
        if (e instanceof Ast.IsTruth) {
            Ast.IsTruth n = (Ast.IsTruth) e;
            return "(IS " + (n.negated() ? "NOT " : "") + n.truth() + " " + show(n.operand()) + ")";
        }
        if (e instanceof Ast.Between) {
            Ast.Between b = (Ast.Between) e;
            return "(" + (b.negated() ? "NOT " : "") + "BETWEEN " + show(b.value()) + " " + show(b.low()) + " "
                    + show(b.high()) + ")";
        }
        if (e instanceof Ast.InList) {
            Ast.InList in = (Ast.InList) e;
            return "(" + (in.negated() ? "NOT " : "") + "IN " + show(in.value()) + " "
                    + in.list().stream().map(ParserTest::show).collect(Collectors.joining(" ")) + ")";
        }
        if (e instanceof Ast.Like) {
            Ast.Like l = (Ast.Like) e;
            return "(" + (l.negated() ? "NOT " : "") + (l.similar() ? "SIMILAR " : "LIKE ") + show(l.value()) + " "
                    + show(l.pattern()) + (l.escape() == null ? "" : " ESCAPE " + show(l.escape())) + ")";
        }
        if (e instanceof Ast.Case) {
            Ast.Case c = (Ast.Case) e;
            return "(CASE" + (c.operand() == null ? "" : " " + show(c.operand()))
                    + c.whens().stream().map(w -> " (WHEN " + show(w.condition()) + " " + show(w.result()) + ")")
                    .collect(Collectors.joining()) + (c.otherwise() == null ? "" : " (ELSE " + show(c.otherwise()) + ")")
                    + ")";
        }
        if (e instanceof Ast.Cast) {
            Ast.Cast c = (Ast.Cast) e;
            return "(CAST " + show(c.operand()) + " " + c.target() + ")";
        }
        if (e instanceof Ast.Call) {
            Ast.Call c = (Ast.Call) e;
            return "(" + c.name() + c.arguments().stream().map(a -> " " + show(a)).collect(Collectors.joining()) + ")";
        }
        return "#" + ((Ast.Keyword) e).word();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
            a                                   => [A]
            "a"                                 => [a]
            "a""b"                              => [a"b]
            s.a                                 => S.[A]
            "S"."a"                             => S.[a]
            42                                  => 42:INTEGER
            3000000000                          => 3000000000:BIGINT
            -9223372036854775808                => -9223372036854775808:BIGINT
            12.50                               => 12.50:DECIMAL(4,2)
            -1.5                                => -1.5:DECIMAL(2,1)
            1.5e3                               => 1500.0:DOUBLE
            .5                                  => 0.5:DECIMAL(1,1)
            'it''s'                             => 'it's':VARCHAR(4)
            'a' 'b'                             => 'ab':VARCHAR(2)
            TRUE                                => true:BOOLEAN
            UNKNOWN                             => null:BOOLEAN
            NULL                                => null:NULL
            DATE '2024-03-15'                   => 1710460800000:DATE
            TIME '10:20:30'                     => 37230000:TIME
            TIMESTAMP '2024-03-15 10:20:30.5'   => 1710498030500:TIMESTAMP
            INTERVAL '5' MINUTE                 => 300000:INTERVAL DAY TO SECOND
            INTERVAL '1-6' YEAR TO MONTH        => 18:INTERVAL YEAR TO MONTH
            INTERVAL '2 03:04:05.5' DAY TO SECOND => 183845500:INTERVAL DAY TO SECOND
            X'0aff'                             => (fixed)
            1 + 2 * 3                           => (+ 1:INTEGER (* 2:INTEGER 3:INTEGER))
            (1 + 2) * 3                         => (* (+ 1:INTEGER 2:INTEGER) 3:INTEGER)
            a - b - c                           => (- (- [A] [B]) [C])
            a || b || 'c'                       => (|| (|| [A] [B]) 'c':VARCHAR(1))
            -a                                  => (- [A])
            a = 1 AND b <> 2 OR NOT c           => (OR (AND (= [A] 1:INTEGER) (<> [B] 2:INTEGER)) (NOT [C]))
            a != 1                              => (<> [A] 1:INTEGER)
            a < 1 OR a <= 1 OR a > 1 OR a >= 1  => (OR (OR (< [A] 1:INTEGER) (<= [A] 1:INTEGER)) (OR (> [A] 1:INTEGER) (>= [A] 1:INTEGER)))
            a IS NULL                           => (IS NULL [A])
            a IS NOT NULL                       => (IS NOT NULL [A])
            a IS NOT TRUE                       => (IS NOT true [A])
            a IS UNKNOWN                        => (IS null [A])
            a BETWEEN 1 AND 2 AND b             => (AND (BETWEEN [A] 1:INTEGER 2:INTEGER) [B])
            a NOT BETWEEN 1 AND 2               => (NOT BETWEEN [A] 1:INTEGER 2:INTEGER)
            a IN (1, 2)                         => (IN [A] 1:INTEGER 2:INTEGER)
            a NOT IN ('x')                      => (NOT IN [A] 'x':VARCHAR(1))
            a LIKE 'x%'                         => (LIKE [A] 'x%':VARCHAR(2))
            a NOT LIKE 'x!%' ESCAPE '!'         => (NOT LIKE [A] 'x!%':VARCHAR(3) ESCAPE '!':VARCHAR(1))
            "gender" SIMILAR TO 'M'             => (SIMILAR [gender] 'M':VARCHAR(1))
            a NOT SIMILAR TO 'a|b' ESCAPE '\\'  => (NOT SIMILAR [A] 'a|b':VARCHAR(3) ESCAPE '\\':VARCHAR(1))
            CASE WHEN a THEN 1 ELSE 2 END       => (CASE (WHEN [A] 1:INTEGER) (ELSE 2:INTEGER))
            CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END => (CASE [A] (WHEN 1:INTEGER 'x':VARCHAR(1)) (WHEN 2:INTEGER 'y':VARCHAR(1)))
            CAST(a AS VARCHAR(5))               => (CAST [A] VARCHAR(5))
            CAST(a AS CHARACTER VARYING(5))     => (CAST [A] VARCHAR(5))
            CAST(a AS DECIMAL(10, 2))           => (CAST [A] DECIMAL(10,2))
            CAST(a AS DOUBLE PRECISION)         => (CAST [A] DOUBLE)
            UPPER(a)                            => (UPPER [A])
            upper(a)                            => (UPPER [A])
            SUBSTRING(a FROM 2 FOR 3)           => (SUBSTRING [A] 2:INTEGER 3:INTEGER)
            SUBSTRING(a, 2)                     => (SUBSTRING [A] 2:INTEGER)
            POSITION('x' IN a)                  => (POSITION 'x':VARCHAR(1) [A])
            OVERLAY(a PLACING 'x' FROM 2 FOR 1) => (OVERLAY [A] 'x':VARCHAR(1) 2:INTEGER 1:INTEGER)
            TRIM(a)                             => (TRIM #BOTH ' ':VARCHAR(1) [A])
            TRIM(LEADING 'x' FROM a)            => (TRIM #LEADING 'x':VARCHAR(1) [A])
            TRIM(TRAILING FROM a)               => (TRIM #TRAILING ' ':VARCHAR(1) [A])
            EXTRACT(HOUR FROM ROWTIME)          => (EXTRACT #HOUR [ROWTIME])
            FLOOR(ROWTIME TO MINUTE)            => (FLOOR [ROWTIME] #MINUTE)
            CEILING(a)                          => (CEIL [A])
            STEP(ROWTIME BY INTERVAL '1' MINUTE) => (STEP [ROWTIME] 60000:INTERVAL DAY TO SECOND)
            CURRENT_TIMESTAMP                   => (CURRENT_TIMESTAMP)
            CURRENT_ROW_TIMESTAMP               => (CURRENT_ROW_TIMESTAMP)
            a /* comment */ + -- comment\\n 1   => (+ [A] 1:INTEGER)
            """)
    void parsesExpression(String sql, String expected) {
        String text = sql.replace("\\n", "\n");
        if (expected.equals("(fixed)")) {
            Ast.Literal lit = (Ast.Literal) Parser.parseExpression(text);
            assertThat((byte[]) lit.value()).containsExactly(0x0a, 0xff);
            assertThat(lit.type()).isEqualTo(SqlType.varbinary(2));
            return;
        }
        assertThat(show(Parser.parseExpression(text))).isEqualTo(expected);
    }

    @Test
    void parsesTheSeedProgramWithPositions() throws Exception {
        String sql = io.sluice.pump.TestResources.read("seed.sql");
        Ast.Program program = Parser.parse(sql);
        assertThat(program.statements()).hasSize(2);
        Ast.CreateStream stream = (Ast.CreateStream) program.statements().get(0);
        assertThat(stream.name().name()).isEqualTo("AndersonStream");
        assertThat(stream.name().quoted()).isTrue();
        assertThat(stream.columns()).extracting(c -> c.name().name() + " " + c.type())
                .containsExactly("NAME VARCHAR(50)", "AGE INTEGER", "GENDER VARCHAR(4)", "SCORE INTEGER",
                        "JOB VARCHAR(50)");
        assertThat(stream.position()).isEqualTo(new Position(1, 1, 0));
        Ast.CreatePump pump = (Ast.CreatePump) program.statements().get(1);
        assertThat(pump.name().name()).isEqualTo("STREAM_PUMP");
        assertThat(pump.target().name()).isEqualTo("AndersonStream");
        assertThat(pump.columns()).isNull();
        assertThat(pump.position().line()).isEqualTo(3);
        Ast.Select select = pump.select();
        assertThat(select.from().name()).isEqualTo("SOURCE_SQL_STREAM_001");
        assertThat(select.items()).extracting(i -> show(i.expr()))
                .containsExactly("[name]", "[age]", "[gender]", "[score]", "[job]");
        assertThat(show(select.where())).isEqualTo("(SIMILAR [gender] 'M':VARCHAR(1))");
        assertThat(select.where().position()).isEqualTo(new Position(6, 16, select.where().position().offset()));
        assertThat(((Ast.Like) select.where()).value().position()).isEqualTo(
                new Position(6, 7, ((Ast.Like) select.where()).value().position().offset()));
    }

    @Test
    void parsesPumpWithColumnListAliasesStarAndChains() {
        Ast.Program program = Parser.parse("""
                CREATE OR REPLACE STREAM "S1" (a INT, b VARCHAR(8));
                CREATE STREAM "OUT" (x BIGINT, y VARCHAR(8), z DOUBLE);;
                CREATE OR REPLACE PUMP p1 AS INSERT INTO "S1" SELECT STREAM * FROM "SOURCE_SQL_STREAM_001" src;
                CREATE PUMP "p2" AS INSERT INTO "OUT" (y, x) SELECT STREAM s.b AS bee, a total FROM "S1" AS s
                WHERE a > 0;
                """);
        assertThat(program.statements()).hasSize(4);
        Ast.CreatePump p1 = (Ast.CreatePump) program.statements().get(2);
        assertThat(p1.name().name()).isEqualTo("P1");
        assertThat(p1.select().items()).hasSize(1);
        assertThat(p1.select().items().get(0).isStar()).isTrue();
        assertThat(p1.select().alias().name()).isEqualTo("SRC");
        Ast.CreatePump p2 = (Ast.CreatePump) program.statements().get(3);
        assertThat(p2.name().name()).isEqualTo("p2");
        assertThat(p2.columns()).extracting(Ast.Identifier::name).containsExactly("Y", "X");
        assertThat(p2.select().items()).extracting(i -> i.alias().name()).containsExactly("BEE", "TOTAL");
        assertThat(show(p2.select().where())).isEqualTo("(> [A] 0:INTEGER)");
    }

    @Test
    void parsesDeclaredColumnLists() {
        List<Ast.ColumnDef> columns = Parser.parseColumns(
                "\"name\" VARCHAR(50), age INTEGER NOT NULL, price DECIMAL(10,2), ok BOOLEAN, at TIMESTAMP, raw VARBINARY(16),"
                        + " c CHAR(2), t TINYINT, s SMALLINT, r REAL, d DATE, tm TIME, v VARCHAR");
        assertThat(columns).extracting(c -> c.name().name() + " " + c.type()).containsExactly("name VARCHAR(50)",
                "AGE INTEGER", "PRICE DECIMAL(10,2)", "OK BOOLEAN", "AT TIMESTAMP", "RAW VARBINARY(16)", "C CHAR(2)",
                "T TINYINT", "S SMALLINT", "R REAL", "D DATE", "TM TIME", "V VARCHAR(65535)");
    }
}
