package io.sluice.connect.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values as plain JSON, without a schema envelope: structs and maps as objects (struct fields in schema
 * order, map keys as text), lists as arrays, bytes as base64 strings, decimals as numbers, Connect's {@code Date},
 * {@code Time} and {@code Timestamp} as ISO-8601 text ({@code 2024-05-01}, {@code 10:15:30.250Z},
 * {@code 2024-05-01T10:15:30.250Z}), null as null. Stateless and thread-safe.
 */
final class JsonValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** {@code value} as compact UTF-8 JSON. */
    static byte[] toJsonBytes(Object value, Schema schema) {
        try {
            return MAPPER.writeValueAsBytes(toNode(value, schema));
        } catch (JsonProcessingException e) {
            throw new DataException("Could not write the value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as compact JSON text. */
    static String toJsonText(Object value, Schema schema) {
        try {
            return MAPPER.writeValueAsString(toNode(value, schema));
        } catch (JsonProcessingException e) {
            throw new DataException("Could not write the value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode toNode(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Struct struct) {
            ObjectNode node = NODES.objectNode();
            for (Field field : struct.schema().fields()) {
                node.set(field.name(), toNode(struct.get(field), field.schema()));
            }
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                node.set(String.valueOf(e.getKey()), toNode(e.getValue(), valueSchema));
            }
            return node;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode node = NODES.arrayNode();
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            list.forEach(element -> node.add(toNode(element, valueSchema)));
            return node;
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof ByteBuffer buffer) {
            return NODES.textNode(Base64.getEncoder().encodeToString(Bytes.of(buffer)));
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Date date) {
            return NODES.textNode(dateText(date, schema));
        }
        throw new DataException("Cannot write a " + value.getClass().getName() + " as JSON");
    }

    private static String dateText(Date date, Schema schema) {
        String logical = schema == null ? null : schema.name();
        var instant = date.toInstant();
        if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return instant.atOffset(ZoneOffset.UTC).toOffsetTime().toString();
        }
        return instant.toString();
    }
}
