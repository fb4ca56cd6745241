package io.sluice.pump.runtime;

import io.sluice.pump.type.SqlType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Mapping between SQL types and Connect schemas, both ways. */
public final class ConnectTypes {

    /** The schema parameter Confluent's converters use for a Decimal's precision. */
    public static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";

    private ConnectTypes() {
    }

    /**
     * The optional Connect schema of a column of {@code type}: VARCHAR/CHAR → STRING, INTEGER → INT32, BIGINT
     * → INT64, SMALLINT → INT16, TINYINT → INT8, DOUBLE → FLOAT64, REAL → FLOAT32, DECIMAL(p,s) → Decimal(s)
     * with its precision as a parameter, BOOLEAN, DATE → Date, TIME → Time, TIMESTAMP → Timestamp, VARBINARY →
     * BYTES.
     */
    public static Schema schemaOf(SqlType type) {
        switch (type.kind()) {
            case TINYINT:
                return Schema.OPTIONAL_INT8_SCHEMA;
            case SMALLINT:
                return Schema.OPTIONAL_INT16_SCHEMA;
            case INTEGER:
                return Schema.OPTIONAL_INT32_SCHEMA;
            case BIGINT:
            case INTERVAL_DAY_TIME:
            case INTERVAL_YEAR_MONTH:
                return Schema.OPTIONAL_INT64_SCHEMA;
            case REAL:
                return Schema.OPTIONAL_FLOAT32_SCHEMA;
            case DOUBLE:
                return Schema.OPTIONAL_FLOAT64_SCHEMA;
            case DECIMAL:
                return Decimal.builder(type.scale())
                        .parameter(DECIMAL_PRECISION_PARAMETER, Integer.toString(type.precision())).optional().build();
            case BOOLEAN:
                return Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case DATE:
                return Date.builder().optional().build();
            case TIME:
                return Time.builder().optional().build();
            case TIMESTAMP:
                return Timestamp.builder().optional().build();
            case VARBINARY:
                return Schema.OPTIONAL_BYTES_SCHEMA;
            default:
                return Schema.OPTIONAL_STRING_SCHEMA;
        }
    }

    /** The SQL type of a Connect field schema, for source columns taken from the record's schema. */
    public static SqlType typeOf(Schema schema) {
        String name = schema.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            String p = schema.parameters().get(DECIMAL_PRECISION_PARAMETER);
            int precision = p == null ? SqlType.MAX_DECIMAL_PRECISION
                    : Math.min(SqlType.MAX_DECIMAL_PRECISION, Integer.parseInt(p));
            return SqlType.decimal(Math.max(precision, Math.min(scale, SqlType.MAX_DECIMAL_PRECISION)),
                    Math.min(scale, SqlType.MAX_DECIMAL_PRECISION));
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return SqlType.TIMESTAMP;
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return SqlType.DATE;
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return SqlType.TIME;
        }
        switch (schema.type()) {
            case INT8:
                return SqlType.TINYINT;
            case INT16:
                return SqlType.SMALLINT;
            case INT32:
                return SqlType.INTEGER;
            case INT64:
                return SqlType.BIGINT;
            case FLOAT32:
                return SqlType.REAL;
            case FLOAT64:
                return SqlType.DOUBLE;
            case BOOLEAN:
                return SqlType.BOOLEAN;
            case BYTES:
                return SqlType.VARBINARY_MAX;
            default:
                return SqlType.VARCHAR_MAX;
        }
    }

    /** A struct schema builder named after the stream. */
    static SchemaBuilder struct(String streamName) {
        return SchemaBuilder.struct().name(streamName).optional();
    }
}
