package io.sluice.pump.type;

import java.util.Objects;

/**
 * A KDA SQL type: a kind plus its length (VARCHAR, CHAR, VARBINARY) or precision and scale (DECIMAL).
 *
 * <p>Run-time representation of values, fixed per kind so evaluator terms can be chosen at compile time:
 * <pre>
 *   TINYINT, SMALLINT, INTEGER, BIGINT  java.lang.Long          (range-checked on assignment)
 *   REAL, DOUBLE                        java.lang.Double
 *   DECIMAL(p,s)                        java.math.BigDecimal
 *   VARCHAR(n), CHAR(n)                 java.lang.String
 *   BOOLEAN                             java.lang.Boolean       (null = UNKNOWN)
 *   TIMESTAMP                           java.lang.Long          epoch milliseconds, UTC
 *   DATE                                java.lang.Long          epoch milliseconds of midnight UTC
 *   TIME                                java.lang.Long          milliseconds since midnight
 *   INTERVAL                            java.lang.Long          milliseconds (day-time) or months (year-month)
 *   VARBINARY(n)                        byte[]
 * </pre>
 * Immutable and thread-safe.
 */
public final class SqlType {

    /** The kinds of type; the families decide which operators and conversions apply. */
    public enum Kind {
        TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE,
        CHAR, VARCHAR, BOOLEAN, DATE, TIME, TIMESTAMP, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH, VARBINARY,
        /** The type of a bare NULL literal: assignable to anything. */
        NULL
    }

    public static final int MAX_DECIMAL_PRECISION = 19;
    public static final int MAX_VARCHAR = 65535;

    public static final SqlType TINYINT = new SqlType(Kind.TINYINT, 0, 0);
    public static final SqlType SMALLINT = new SqlType(Kind.SMALLINT, 0, 0);
    public static final SqlType INTEGER = new SqlType(Kind.INTEGER, 0, 0);
    public static final SqlType BIGINT = new SqlType(Kind.BIGINT, 0, 0);
    public static final SqlType REAL = new SqlType(Kind.REAL, 0, 0);
    public static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, 0, 0);
    public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, 0, 0);
    public static final SqlType DATE = new SqlType(Kind.DATE, 0, 0);
    public static final SqlType TIME = new SqlType(Kind.TIME, 0, 0);
    public static final SqlType TIMESTAMP = new SqlType(Kind.TIMESTAMP, 0, 0);
    public static final SqlType INTERVAL_DAY_TIME = new SqlType(Kind.INTERVAL_DAY_TIME, 0, 0);
    public static final SqlType INTERVAL_YEAR_MONTH = new SqlType(Kind.INTERVAL_YEAR_MONTH, 0, 0);
    public static final SqlType NULL = new SqlType(Kind.NULL, 0, 0);
    /** VARCHAR without a declared length: the longest KDA allows. */
    public static final SqlType VARCHAR_MAX = new SqlType(Kind.VARCHAR, MAX_VARCHAR, 0);
    public static final SqlType VARBINARY_MAX = new SqlType(Kind.VARBINARY, MAX_VARCHAR, 0);

    private final Kind kind;
    private final int precision; // length for strings and binaries, precision for DECIMAL
    private final int scale;

    private SqlType(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    public static SqlType varchar(int length) {
        return new SqlType(Kind.VARCHAR, length, 0);
    }

    public static SqlType character(int length) {
        return new SqlType(Kind.CHAR, length, 0);
    }

    public static SqlType varbinary(int length) {
        return new SqlType(Kind.VARBINARY, length, 0);
    }

    public static SqlType decimal(int precision, int scale) {
        return new SqlType(Kind.DECIMAL, precision, scale);
    }

    public Kind kind() {
        return kind;
    }

    /** Length of VARCHAR/CHAR/VARBINARY, precision of DECIMAL, 0 otherwise. */
    public int length() {
        return precision;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    public boolean isExactInteger() {
        return kind == Kind.TINYINT || kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
    }

    public boolean isApproximate() {
        return kind == Kind.REAL || kind == Kind.DOUBLE;
    }

    public boolean isNumeric() {
        return isExactInteger() || kind == Kind.DECIMAL || isApproximate();
    }

    public boolean isString() {
        return kind == Kind.VARCHAR || kind == Kind.CHAR;
    }

    public boolean isDatetime() {
        return kind == Kind.DATE || kind == Kind.TIME || kind == Kind.TIMESTAMP;
    }

    public boolean isInterval() {
        return kind == Kind.INTERVAL_DAY_TIME || kind == Kind.INTERVAL_YEAR_MONTH;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** Inclusive lower bound of an exact integer kind. */
    public long minValue() {
        switch (kind) {
            case TINYINT: return Byte.MIN_VALUE;
            case SMALLINT: return Short.MIN_VALUE;
            case INTEGER: return Integer.MIN_VALUE;
            default: return Long.MIN_VALUE;
        }
    }

    /** Inclusive upper bound of an exact integer kind. */
    public long maxValue() {
        switch (kind) {
            case TINYINT: return Byte.MAX_VALUE;
            case SMALLINT: return Short.MAX_VALUE;
            case INTEGER: return Integer.MAX_VALUE;
            default: return Long.MAX_VALUE;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SqlType)) {
            return false;
        }
        SqlType other = (SqlType) o;
        return kind == other.kind && precision == other.precision && scale == other.scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale);
    }

    /** The SQL spelling, e.g. {@code VARCHAR(50)}, {@code DECIMAL(10,2)}. */
    @Override
    public String toString() {
        switch (kind) {
            case VARCHAR: return "VARCHAR(" + precision + ")";
            case CHAR: return "CHAR(" + precision + ")";
            case VARBINARY: return "VARBINARY(" + precision + ")";
            case DECIMAL: return "DECIMAL(" + precision + "," + scale + ")";
            case INTERVAL_DAY_TIME: return "INTERVAL DAY TO SECOND";
            case INTERVAL_YEAR_MONTH: return "INTERVAL YEAR TO MONTH";
            default: return kind.name();
        }
    }
}
