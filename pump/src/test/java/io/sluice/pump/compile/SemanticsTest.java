package io.sluice.pump.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven semantics: each row is an expression and its value on {@link Eval#ROW}, shown as SQL text. */
class SemanticsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', textBlock = """
            # three-valued logic
            TRUE AND UNKNOWN => NULL
            FALSE AND UNKNOWN => FALSE
            UNKNOWN AND FALSE => FALSE
            TRUE OR UNKNOWN => TRUE
            FALSE OR UNKNOWN => NULL
            UNKNOWN OR TRUE => TRUE
            NOT UNKNOWN => NULL
            NOT TRUE => FALSE
            nb AND b => NULL
            nb OR b => TRUE
            n = 1 => NULL
            n <> 1 => NULL
            n = n => NULL
            NULL = NULL => NULL
            n IS NULL => TRUE
            n IS NOT NULL => FALSE
            i IS NULL => FALSE
            nb IS UNKNOWN => TRUE
            nb IS NOT UNKNOWN => FALSE
            b IS TRUE => TRUE
            b IS NOT FALSE => TRUE
            (n = 1) IS FALSE => FALSE
            (n = 1) IS NOT TRUE => TRUE
            # comparisons and promotion
            i = 7 => TRUE
            i < 7.5 => TRUE
            i = 7.0 => TRUE
            f > 2 => TRUE
            d = 12.5 => TRUE
            d > f => TRUE
            s = 'hello' => TRUE
            s < 'help' => TRUE
            s <> 'Hello' => TRUE
            s != 'hello' => FALSE
            'a' < 'b' => TRUE
            TRUE > FALSE => TRUE
            t > TIMESTAMP '2024-03-15 10:20:30' => TRUE
            DATE '2024-03-15' < t => TRUE
            CAST('M' AS CHAR(3)) = 'M' => TRUE
            # BETWEEN, IN
            i BETWEEN 1 AND 10 => TRUE
            i BETWEEN 8 AND 10 => FALSE
            i NOT BETWEEN 8 AND 10 => TRUE
            i BETWEEN n AND 10 => NULL
            i BETWEEN n AND 5 => FALSE
            n BETWEEN 1 AND 2 => NULL
            i BETWEEN 10 AND 1 => FALSE
            i IN (1, 7, 9) => TRUE
            i IN (1, 2) => FALSE
            i IN (1, NULL) => NULL
            i IN (7, NULL) => TRUE
            i NOT IN (1, NULL) => NULL
            i NOT IN (1, 2) => TRUE
            n IN (1, 2) => NULL
            s IN ('a', 'hello') => TRUE
            # arithmetic
            7 / 2 => 3
            -7 / 2 => -3
            7 / -2 => -3
            i / 2 => 3
            MOD(7, 2) => 1
            MOD(-7, 2) => -1
            i + 1 => 8
            i * i - 1 => 48
            n + 1 => NULL
            1 + NULL => NULL
            7.0 / 2 => 3.500000
            d + 1 => 13.50
            d * 2 => 25.00
            d * 0.5 => 6.250
            f * 2 => 5.0
            i / 2.0 => 3.500000
            i / 2e0 => 3.5
            -i => -7
            - -i => 7
            1.5 + 1.25 => 2.75
            # string functions and ||
            s || ' world' => 'hello world'
            s || ns => NULL
            CHAR_LENGTH(s) => 5
            CHARACTER_LENGTH('') => 0
            CHAR_LENGTH(ns) => NULL
            UPPER(s) => 'HELLO'
            LOWER('MiXeD') => 'mixed'
            INITCAP('hello wORLD-foo bar') => 'Hello World-Foo Bar'
            TRIM('  x  ') => 'x'
            TRIM(BOTH FROM '  x  ') => 'x'
            TRIM(LEADING FROM '  x  ') => 'x  '
            TRIM(TRAILING FROM '  x  ') => '  x'
            TRIM(BOTH 'x' FROM 'xxaxx') => 'a'
            TRIM(LEADING 'x' FROM 'xxaxx') => 'axx'
            SUBSTRING(s FROM 2) => 'ello'
            SUBSTRING(s FROM 2 FOR 3) => 'ell'
            SUBSTRING(s, 2, 3) => 'ell'
            SUBSTRING(s FROM 0 FOR 2) => 'h'
            SUBSTRING(s FROM -5 FOR 3) => ''
            SUBSTRING(s FROM 10) => ''
            SUBSTRING(s FROM 4 FOR 100) => 'lo'
            POSITION('l' IN s) => 3
            POSITION('z' IN s) => 0
            POSITION('' IN s) => 1
            POSITION('l' IN s FROM 4) => 4
            OVERLAY(s PLACING 'XY' FROM 2) => 'hXYlo'
            OVERLAY(s PLACING 'XY' FROM 2 FOR 0) => 'hXYello'
            OVERLAY(s PLACING '' FROM 1 FOR 2) => 'llo'
            REGEX_REPLACE(s, 'l+', 'L') => 'heLo'
            REGEX_REPLACE('aaa', 'a', 'b') => 'bbb'
            REGEX_REPLACE('aaa', 'a', 'b', 1, 2) => 'aba'
            REGEX_REPLACE('aaa', 'a', 'b', 2, 0) => 'abb'
            REGEX_REPLACE('2024-01-05', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1') => '05/01/2024'
            # numeric functions
            ABS(-3) => 3
            ABS(-2.50) => 2.50
            ABS(-f) => 2.5
            FLOOR(2.7) => 2
            FLOOR(-2.7) => -3
            CEIL(2.1) => 3
            CEILING(-2.1) => -2
            FLOOR(f) => 2.0
            CEIL(f) => 3.0
            FLOOR(i) => 7
            EXP(0) => 1.0
            LN(1) => 0.0
            LOG10(1000) => 3.0
            POWER(2, 10) => 1024.0
            POWER(i, 0) => 1.0
            MOD(d, 5) => 2.50
            # NULL handling
            COALESCE(ns, NULL, 'x') => 'x'
            COALESCE(n, 3) => 3
            COALESCE(ns, s) => 'hello'
            COALESCE(n, i, 1) => 7
            NULLIF(i, 7) => NULL
            NULLIF(i, 8) => 7
            NULLIF(n, 8) => NULL
            # CASE
            CASE WHEN i > 5 THEN 'big' ELSE 'small' END => 'big'
            CASE WHEN n > 5 THEN 'big' ELSE 'small' END => 'small'
            CASE WHEN i > 50 THEN 'big' END => NULL
            CASE i WHEN 1 THEN 'one' WHEN 7 THEN 'seven' END => 'seven'
            CASE n WHEN 1 THEN 'one' ELSE 'other' END => 'other'
            CASE WHEN b THEN 1 ELSE 2.5 END => 1.0
            CASE gender WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' END => 'male'
            # casts
            CAST('42' AS INTEGER) => 42
            CAST(' 42 ' AS BIGINT) => 42
            CAST(42 AS VARCHAR(10)) => '42'
            CAST(s AS VARCHAR(3)) => 'hel'
            CAST(s AS CHAR(7)) => 'hello  '
            CAST(s AS CHAR(2)) => 'he'
            CAST(3.7 AS INTEGER) => 3
            CAST(-3.7 AS INTEGER) => -3
            CAST(f AS INTEGER) => 2
            CAST(i AS DOUBLE) => 7.0
            CAST(i AS DECIMAL(5,2)) => 7.00
            CAST(2.345 AS DECIMAL(5,2)) => 2.35
            CAST('1.5' AS DOUBLE) => 1.5
            CAST('12.345' AS DECIMAL(6,2)) => 12.35
            CAST('true' AS BOOLEAN) => TRUE
            CAST('FALSE' AS BOOLEAN) => FALSE
            CAST(b AS VARCHAR(5)) => 'TRUE'
            CAST(n AS VARCHAR(5)) => NULL
            CAST('2024-03-15 10:20:30' AS TIMESTAMP) => TIMESTAMP '2024-03-15 10:20:30'
            CAST('2024-03-15T10:20:30Z' AS TIMESTAMP) => TIMESTAMP '2024-03-15 10:20:30'
            CAST('2024-03-15' AS DATE) => DATE '2024-03-15'
            CAST('10:20:30' AS TIME) => TIME '10:20:30'
            CAST(t AS DATE) => DATE '2024-03-15'
            CAST(t AS TIME) => TIME '10:20:30.123'
            CAST(t AS VARCHAR(30)) => '2024-03-15 10:20:30.123'
            CAST(DATE '2024-03-15' AS TIMESTAMP) => TIMESTAMP '2024-03-15 00:00:00'
            CAST(1.5 AS VARCHAR(10)) => '1.5'
            CAST(d AS VARCHAR(10)) => '12.50'
            CAST(300 AS SMALLINT) => 300
            CAST(100 AS TINYINT) => 100
            CAST(NULL AS INTEGER) => NULL
            # time
            EXTRACT(YEAR FROM t) => 2024
            EXTRACT(QUARTER FROM t) => 1
            EXTRACT(MONTH FROM t) => 3
            EXTRACT(DAY FROM t) => 15
            EXTRACT(HOUR FROM t) => 10
            EXTRACT(MINUTE FROM t) => 20
            EXTRACT(SECOND FROM t) => 30
            EXTRACT(MILLISECOND FROM t) => 30123
            EXTRACT(DOY FROM t) => 75
            EXTRACT(DOW FROM t) => 6
            EXTRACT(WEEK FROM t) => 11
            EXTRACT(EPOCH FROM t) => 1710498030
            EXTRACT(HOUR FROM TIME '10:20:30') => 10
            FLOOR(t TO HOUR) => TIMESTAMP '2024-03-15 10:00:00'
            FLOOR(t TO DAY) => TIMESTAMP '2024-03-15 00:00:00'
            FLOOR(t TO MONTH) => TIMESTAMP '2024-03-01 00:00:00'
            FLOOR(t TO YEAR) => TIMESTAMP '2024-01-01 00:00:00'
            FLOOR(t TO WEEK) => TIMESTAMP '2024-03-11 00:00:00'
            FLOOR(t TO QUARTER) => TIMESTAMP '2024-01-01 00:00:00'
            CEIL(t TO HOUR) => TIMESTAMP '2024-03-15 11:00:00'
            CEIL(t TO MONTH) => TIMESTAMP '2024-04-01 00:00:00'
            CEIL(TIMESTAMP '2024-03-15 10:00:00' TO HOUR) => TIMESTAMP '2024-03-15 10:00:00'
            STEP(t BY INTERVAL '10' MINUTE) => TIMESTAMP '2024-03-15 10:20:00'
            STEP(t BY INTERVAL '15' SECOND) => TIMESTAMP '2024-03-15 10:20:30'
            STEP(i BY 5) => 5
            TO_TIMESTAMP(1710498030123) => TIMESTAMP '2024-03-15 10:20:30.123'
            UNIX_TIMESTAMP(t) => 1710498030123
            UNIX_TIMESTAMP(TO_TIMESTAMP(0)) => 0
            TIMESTAMP_TO_CHAR('yyyy-MM-dd HH:mm:ss', t) => '2024-03-15 10:20:30'
            TIMESTAMP_TO_CHAR('dd/MM/yy', t) => '15/03/24'
            CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', '2024-03-15 10:20:30') => TIMESTAMP '2024-03-15 10:20:30'
            CHAR_TO_TIMESTAMP('yyyyMMdd', '20240315') => TIMESTAMP '2024-03-15 00:00:00'
            t + INTERVAL '1' HOUR => TIMESTAMP '2024-03-15 11:20:30.123'
            t - INTERVAL '1' DAY => TIMESTAMP '2024-03-14 10:20:30.123'
            t + INTERVAL '1:30' HOUR TO MINUTE => TIMESTAMP '2024-03-15 11:50:30.123'
            t + INTERVAL '1 01:00:00' DAY TO SECOND => TIMESTAMP '2024-03-16 11:20:30.123'
            t + INTERVAL '1' MONTH => TIMESTAMP '2024-04-15 10:20:30.123'
            t + INTERVAL '1-2' YEAR TO MONTH => TIMESTAMP '2025-05-15 10:20:30.123'
            INTERVAL '1' HOUR + t => TIMESTAMP '2024-03-15 11:20:30.123'
            t + INTERVAL '1' HOUR * 2 => TIMESTAMP '2024-03-15 12:20:30.123'
            t + INTERVAL -'1' HOUR => TIMESTAMP '2024-03-15 09:20:30.123'
            ROWTIME = t => TRUE
            # LIKE and SIMILAR TO
            s LIKE 'h%' => TRUE
            s LIKE '%lo' => TRUE
            s LIKE '%ell%' => TRUE
            s LIKE 'h_llo' => TRUE
            s LIKE 'H%' => FALSE
            s LIKE 'hell' => FALSE
            s NOT LIKE 'x%' => TRUE
            ns LIKE '%' => NULL
            s LIKE ns => NULL
            '50%' LIKE '50!%' ESCAPE '!' => TRUE
            '50x' LIKE '50!%' ESCAPE '!' => FALSE
            'a_b' LIKE 'a\\_b' ESCAPE '\\' => TRUE
            'axb' LIKE 'a\\_b' ESCAPE '\\' => FALSE
            'a.b' LIKE 'a.b' => TRUE
            'axb' LIKE 'a.b' => FALSE
            'a*b' LIKE 'a*b' => TRUE
            'line1\\nx' LIKE 'line1%' => TRUE
            gender SIMILAR TO 'M' => TRUE
            gender SIMILAR TO 'm' => FALSE
            'MM' SIMILAR TO 'M' => FALSE
            s SIMILAR TO 'h%' => TRUE
            s SIMILAR TO '%(ell|ipp)%' => TRUE
            s SIMILAR TO 'h(e|a)l+o' => TRUE
            s SIMILAR TO 'h[aeiou]l*o' => TRUE
            s SIMILAR TO 'h[^e]llo' => FALSE
            s SIMILAR TO 'hel{2}o' => TRUE
            s SIMILAR TO 'hel{3}o' => FALSE
            s SIMILAR TO 'hel{1,}o' => TRUE
            s SIMILAR TO 'hel{1,2}o' => TRUE
            s SIMILAR TO 'h.llo' => FALSE
            'h.llo' SIMILAR TO 'h.llo' => TRUE
            s SIMILAR TO '_____' => TRUE
            s SIMILAR TO 'hello?' => TRUE
            s SIMILAR TO 'x*hello' => TRUE
            s SIMILAR TO '(he)+llo' => TRUE
            s SIMILAR TO '[a-h]ello' => TRUE
            s NOT SIMILAR TO 'M|F' => TRUE
            ns SIMILAR TO 'M' => NULL
            'a%b' SIMILAR TO 'a!%b' ESCAPE '!' => TRUE
            'axb' SIMILAR TO 'a!%b' ESCAPE '!' => FALSE
            'a|b' SIMILAR TO 'a!|b' ESCAPE '!' => TRUE
            'a' SIMILAR TO 'a!|b' ESCAPE '!' => FALSE
            'a(b' SIMILAR TO 'a!(b' ESCAPE '!' => TRUE
            'a!b' SIMILAR TO 'a!!b' ESCAPE '!' => TRUE
            '$^' SIMILAR TO '$^' => TRUE
            'a\\b' SIMILAR TO 'a\\b' => TRUE
            """)
    void evaluates(String expression, String expected) {
        String sql = expression.replace("\\n", "\n").replace("\\\\", "\\");
        assertThat(Eval.eval(sql)).as(sql).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} : {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            i + 1 => INTEGER
            i + CAST(1 AS BIGINT) => BIGINT
            i + 1.5 => DECIMAL(19,1)
            i + f => DOUBLE
            s || 'ab' => VARCHAR(22)
            CHAR_LENGTH(s) => INTEGER
            CAST(s AS VARCHAR(3)) => VARCHAR(3)
            t + INTERVAL '1' HOUR => TIMESTAMP
            COALESCE(n, 1.5) => DECIMAL(19,1)
            CASE WHEN b THEN 'a' ELSE 'bcd' END => VARCHAR(3)
            EXTRACT(YEAR FROM t) => BIGINT
            UNIX_TIMESTAMP(t) => BIGINT
            """)
    void types(String expression, String expected) {
        assertThat(Eval.type(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} fails with {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            i / 0 => Division_by_zero => division by zero: 7 / 0
            d / 0 => Division_by_zero => division by zero
            f / 0 => Division_by_zero => division by zero: 2.5 / 0
            MOD(i, 0) => Division_by_zero => MOD(7, 0)
            CAST('abc' AS INTEGER) => Cast_error => cannot convert 'abc' to INTEGER
            CAST('1.5' AS INTEGER) => Cast_error => cannot convert '1.5' to INTEGER
            CAST('x' AS DOUBLE) => Cast_error => cannot convert 'x' to DOUBLE
            CAST('yes' AS BOOLEAN) => Cast_error => cannot convert 'yes' to BOOLEAN
            CAST('2024-13-01' AS TIMESTAMP) => Cast_error => cannot convert '2024-13-01' to TIMESTAMP: expected 'yyyy-mm-dd hh:mm:ss[.fff]'
            CAST(300 AS TINYINT) => Cast_error => value 300 is out of range for TINYINT
            CAST(123.45 AS DECIMAL(3,1)) => Cast_error => value 123.45 is out of range for DECIMAL(3,1)
            9223372036854775807 + i => Value_out_of_range => 9223372036854775807 + 7 overflows BIGINT
            2147483647 + 1 => Value_out_of_range => 2147483647 + 1 is out of range for INTEGER
            LN(0) => Invalid_argument => LN(0.0): the argument must be positive
            SUBSTRING(s FROM 1 FOR -1) => Invalid_argument => SUBSTRING length must not be negative, got -1
            CHAR_TO_TIMESTAMP('yyyy', 'xx') => Cast_error => cannot parse 'xx' with format 'yyyy'
            """)
    void failsPerRecord(String expression, String errorName, String message) {
        assertThatThrownBy(() -> Eval.eval(expression))
                .isInstanceOfSatisfying(PumpRecordException.class, e -> {
                    assertThat(e.errorName()).isEqualTo(errorName);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
