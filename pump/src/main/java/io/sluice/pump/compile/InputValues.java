package io.sluice.pump.compile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Values read from records — a Struct's fields, a Map's entries, JSON — as the column types they are declared as,
 * converted once per column at compile time, and the JSON reading and writing records need. All functions take
 * and return non-null values; callers handle NULL.
 */
public final class InputValues {

    /**
     * How deeply JSON in a record may nest, read or written; deeper is that record's error. Half of Jackson's
     * default: writing a Map or List as JSON text recurses, and this keeps it well inside a thread's stack.
     */
    public static final int MAX_JSON_NESTING = 500;
    private static final ObjectMapper JSON = recordJsonMapper();

    private InputValues() {
    }

    /**
     * The converter from a value read from a Struct, a Map or JSON to the column type {@code to}. Accepts the
     * Java types those carry (Number, String, Boolean, java.util.Date, byte[], ByteBuffer, JsonNode, Map, List).
     * {@code 123.4} into an integer column is a coercion error, as in KDA; too-long VARCHAR is truncated.
     */
    public static UnaryOperator<Object> fromExternal(SqlType to, String column) {
        UnaryOperator<Object> general = generalFromExternal(to, column);
        // Fast paths for the common shapes (Struct INT32/STRING fields, JSON ints and strings); the rest, and
        // every error, go through the general conversion.
        if (to.isExactInteger()) {
            long min = to.minValue();
            long max = to.maxValue();
            return raw -> {
                long v;
                if (raw instanceof Integer i) {
                    v = i;
                } else if (raw instanceof Long longValue) {
                    v = longValue;
                } else if (raw instanceof IntNode) {
                    v = ((JsonNode) raw).intValue();
                } else {
                    return general.apply(raw);
                }
                return v >= min && v <= max ? (Object) v : general.apply(raw);
            };
        }
        if (to.kind() == Kind.VARCHAR) {
            int length = to.length();
            return raw -> {
                String s = raw instanceof String stringValue ? stringValue
                        : raw instanceof TextNode ? ((JsonNode) raw).textValue()
                        : null;
                if (s == null) {
                    return general.apply(raw);
                }
                return s.length() <= length ? s : s.substring(0, length);
            };
        }
        return general;
    }

    private static UnaryOperator<Object> generalFromExternal(SqlType to, String column) {
        UnaryOperator<Object> fit = to.isString() ? Conversions.fitString(to) : null;
        return raw -> {
            Object v = raw instanceof JsonNode jsonNode ? fromJson(jsonNode) : raw;
            if (v == null) {
                return null;
            }
            try {
                return external(v, to, fit);
            } catch (PumpRecordException e) {
                throw new PumpRecordException(PumpRecordException.COERCION_ERROR,
                        "column \"" + column + "\": " + e.getMessage());
            }
        };
    }

    private static Object external(Object v, SqlType to, UnaryOperator<Object> fit) {
        switch (to.kind()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT: {
                long l;
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    l = ((Number) v).longValue();
                } else if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Double
                        || v instanceof Float) {
                    if ((v instanceof Double || v instanceof Float) && !Double.isFinite(((Number) v).doubleValue())) {
                        throw mismatch(v, to); // JSON's 1e400 reads as Infinity, which no integer holds
                    }
                    BigDecimal d = v instanceof BigInteger bigInteger ? new BigDecimal(bigInteger)
                            : v instanceof BigDecimal bigDecimal ? bigDecimal
                            : BigDecimal.valueOf(((Number) v).doubleValue());
                    if (d.signum() != 0 && d.scale() > d.precision()) {
                        throw mismatch(v, to); // a fraction below 1 (1e-999999999): cheaper to tell than to compute
                    }
                    try {
                        l = d.longValueExact();
                    } catch (ArithmeticException e) {
                        throw mismatch(v, to);
                    }
                } else if (v instanceof String stringValue) {
                    try {
                        l = Long.parseLong(stringValue.trim());
                    } catch (NumberFormatException e) {
                        throw mismatch(v, to);
                    }
                } else {
                    throw mismatch(v, to);
                }
                return Conversions.checkRange(l, to.minValue(), to.maxValue(), to, PumpRecordException.COERCION_ERROR);
            }
            case DECIMAL: {
                BigDecimal d;
                if (v instanceof BigDecimal bigDecimal) {
                    d = bigDecimal;
                } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    d = BigDecimal.valueOf(((Number) v).longValue());
                } else if (v instanceof BigInteger bigInteger) {
                    d = new BigDecimal(bigInteger);
                } else if (v instanceof Double || v instanceof Float) {
                    d = Conversions.doubleToDecimal(((Number) v).doubleValue(), to);
                } else if (v instanceof String stringValue2) {
                    try {
                        d = new BigDecimal(stringValue2.trim());
                    } catch (NumberFormatException e) {
                        throw mismatch(v, to);
                    }
                } else {
                    throw mismatch(v, to);
                }
                return Conversions.toDecimal(d, to, PumpRecordException.COERCION_ERROR);
            }
            case REAL:
            case DOUBLE: {
                double d;
                if (v instanceof Number numberValue) {
                    d = numberValue.doubleValue();
                } else if (v instanceof String stringValue3) {
                    try {
                        d = Double.parseDouble(stringValue3.trim());
                    } catch (NumberFormatException e) {
                        throw mismatch(v, to);
                    }
                } else {
                    throw mismatch(v, to);
                }
                return to.kind() == Kind.REAL ? (double) (float) d : d;
            }
            case VARCHAR:
            case CHAR: {
                String s;
                if (v instanceof String stringValue) {
                    s = stringValue;
                } else if (v instanceof BigDecimal bigDecimal2) {
                    s = Conversions.plainText(bigDecimal2);
                } else if (v instanceof Number || v instanceof Boolean) {
                    s = v.toString();
                } else if (v instanceof Map || v instanceof List) {
                    s = toJsonText(v);
                } else if (v instanceof Date date) {
                    s = Conversions.formatTimestamp(date.getTime());
                } else {
                    s = v.toString();
                }
                return fit.apply(s);
            }
            case BOOLEAN:
                if (v instanceof Boolean) {
                    return v;
                }
                if (v instanceof String stringValue4) {
                    String s = stringValue4.trim();
                    if (s.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (s.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                }
                throw mismatch(v, to);
            case TIMESTAMP:
            case DATE:
            case TIME: {
                long ms;
                if (v instanceof Date date) {
                    ms = date.getTime();
                } else if (v instanceof Long || v instanceof Integer) {
                    ms = ((Number) v).longValue();
                } else if (v instanceof String stringValue2) {
                    String s = stringValue2.trim();
                    ms = to.kind() == Kind.TIME ? Conversions.parseTime(s, to) : Conversions.parseTimestamp(s, to);
                } else {
                    throw mismatch(v, to);
                }
                if (to.kind() == Kind.DATE) {
                    return Math.floorDiv(ms, Conversions.DAY_MS) * Conversions.DAY_MS;
                }
                if (to.kind() == Kind.TIME) {
                    return Math.floorMod(ms, Conversions.DAY_MS);
                }
                return ms;
            }
            case VARBINARY: {
                byte[] bytes;
                if (v instanceof byte[]) {
                    bytes = (byte[]) v;
                } else if (v instanceof ByteBuffer byteBuffer) {
                    ByteBuffer b = byteBuffer.duplicate();
                    bytes = new byte[b.remaining()];
                    b.get(bytes);
                } else if (v instanceof String stringValue) {
                    try {
                        bytes = Base64.getDecoder().decode(stringValue);
                    } catch (IllegalArgumentException e) {
                        throw mismatch(v, to);
                    }
                } else {
                    throw mismatch(v, to);
                }
                return bytes.length <= to.length() ? bytes : Arrays.copyOf(bytes, to.length());
            }
            default:
                throw mismatch(v, to);
        }
    }

    private static PumpRecordException mismatch(Object v, SqlType to) {
        String shown = v instanceof String ? "'" + v + "'" : v instanceof Map || v instanceof List ? toJsonText(v)
                : String.valueOf(v);
        return new PumpRecordException(PumpRecordException.COERCION_ERROR, "cannot convert " + shown + " to " + to);
    }

    /**
     * The Jackson mapper for JSON in records: reading and writing refuse nesting deeper than
     * {@link #MAX_JSON_NESTING}.
     */
    public static ObjectMapper recordJsonMapper() {
        return JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_NESTING).build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_JSON_NESTING).build())
                .build()).build();
    }

    static String toJsonText(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            if (nestedTooDeeply(e)) {
                throw new PumpRecordException(PumpRecordException.COERCION_ERROR, "cannot convert a value nested more"
                        + " than " + MAX_JSON_NESTING + " levels deep to text");
            }
            return String.valueOf(v); // a value Jackson cannot write (a Struct in a Map): Java's own text
        }
    }

    private static boolean nestedTooDeeply(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    /** A JSON value as a plain Java value: text, Long, BigDecimal, Double, Boolean, or JSON text for objects. */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : new BigDecimal(node.bigIntegerValue());
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isBinary()) {
            try {
                return node.binaryValue();
            } catch (IOException e) {
                return node.toString();
            }
        }
        return node.toString();
    }

    /** The SQL type a JSON or Map value suggests when the source stream's columns are inferred. */
    public static SqlType inferType(Object v) {
        if (v instanceof JsonNode n) {
            if (n.isIntegralNumber()) {
                return SqlType.BIGINT;
            }
            if (n.isNumber()) {
                return SqlType.DOUBLE;
            }
            if (n.isBoolean()) {
                return SqlType.BOOLEAN;
            }
            return SqlType.VARCHAR_MAX;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return SqlType.BIGINT;
        }
        if (v instanceof BigDecimal d) {
            return SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, Math.max(0, Math.min(d.scale(), 18)));
        }
        if (v instanceof Double || v instanceof Float) {
            return SqlType.DOUBLE;
        }
        if (v instanceof Boolean) {
            return SqlType.BOOLEAN;
        }
        if (v instanceof Date) {
            return SqlType.TIMESTAMP;
        }
        if (v instanceof byte[] || v instanceof ByteBuffer) {
            return SqlType.VARBINARY_MAX;
        }
        return SqlType.VARCHAR_MAX;
    }
}
