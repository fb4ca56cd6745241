package io.sluice.pump.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.pump.compile.InputValues;
import io.sluice.pump.compile.PumpRecordException;
import io.sluice.pump.compile.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads the source stream's columns out of a record value: a Connect {@link Struct}, a schemaless {@link Map},
 * or JSON held in a {@code byte[]} or {@code String} (parsed without recursion, nesting at most
 * {@link InputValues#MAX_JSON_NESTING} levels). Each column is found by its name (exactly, as KDA matches JSON
 * names) or by its configured path, then converted to the column's type; a column the value lacks is NULL. Field
 * lookups for Structs are resolved once per schema. Thread-safe.
 */
public final class InputReader {

    static final ObjectMapper MAPPER = InputValues.recordJsonMapper();

    private final String[] names;
    private final int[] read; // indexes of the columns the pumps use; the others stay NULL
    private final JsonPath[] paths;
    private final UnaryOperator<Object>[] converters;
    private volatile StructFields structFields;

    private record StructFields(Schema schema, Field[] fields) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public InputReader(List<Scope.Column> columns, Map<String, JsonPath> paths, BitSet used) {
        int n = columns.size();
        this.read = used.stream().filter(i -> i < n).toArray();
        this.names = new String[n];
        this.paths = new JsonPath[n];
        this.converters = new UnaryOperator[n];
        for (int i = 0; i < n; i++) {
            Scope.Column c = columns.get(i);
            names[i] = c.name();
            this.paths[i] = paths.get(c.name());
            converters[i] = InputValues.fromExternal(c.type(), c.name());
        }
    }

    /** The column values of {@code value} in column order. */
    public Object[] read(Object value) {
        if (value instanceof Struct struct) {
            return readStruct(struct);
        }
        if (value instanceof Map) {
            return readMap((Map<?, ?>) value);
        }
        if (value instanceof JsonNode jsonNode) {
            return readJson(jsonNode);
        }
        return readJson(parseJson(value));
    }

    private Object[] readStruct(Struct struct) {
        Schema schema = struct.schema();
        StructFields cached = structFields;
        if (cached == null || cached.schema() != schema) {
            Field[] fields = new Field[names.length];
            for (int i = 0; i < names.length; i++) {
                fields[i] = paths[i] == null ? schema.field(names[i]) : null;
            }
            cached = new StructFields(schema, fields);
            structFields = cached;
        }
        Field[] fields = cached.fields();
        Object[] out = new Object[names.length];
        for (int i : read) {
            Object raw = paths[i] != null ? paths[i].read(struct) : fields[i] == null ? null : struct.get(fields[i]);
            out[i] = raw == null ? null : converters[i].apply(raw);
        }
        return out;
    }

    private Object[] readMap(Map<?, ?> map) {
        Object[] out = new Object[names.length];
        for (int i : read) {
            Object raw = paths[i] != null ? paths[i].read(map) : map.get(names[i]);
            out[i] = raw == null ? null : converters[i].apply(raw);
        }
        return out;
    }

    private Object[] readJson(JsonNode node) {
        Object[] out = new Object[names.length];
        for (int i : read) {
            Object raw = paths[i] != null ? paths[i].read(node) : node.get(names[i]);
            out[i] = raw == null ? null : converters[i].apply(raw);
        }
        return out;
    }

    /** Parses a JSON object from bytes or a string. */
    public static JsonNode parseJson(Object value) {
        JsonNode node;
        try {
            if (value instanceof byte[]) {
                node = MAPPER.readTree((byte[]) value);
            } else if (value instanceof String stringValue) {
                node = MAPPER.readTree(stringValue);
            } else {
                throw new PumpRecordException(PumpRecordException.INVALID_INPUT, "cannot read a "
                        + value.getClass().getSimpleName() + " value: the pump reads Struct, Map, or JSON as byte[]"
                        + " or String");
            }
        } catch (JsonProcessingException e) {
            throw new PumpRecordException(PumpRecordException.INVALID_INPUT, "invalid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PumpRecordException(PumpRecordException.INVALID_INPUT, "invalid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new PumpRecordException(PumpRecordException.INVALID_INPUT, "expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return node;
    }

    /** The input as text for the DATA_ROW of an error row. */
    public static String dataRow(Object value) {
        if (value instanceof byte[]) {
            return new String((byte[]) value, StandardCharsets.UTF_8);
        }
        try {
            return String.valueOf(value);
        } catch (StackOverflowError e) {
            // Struct and Map print themselves recursively; one nested deeper than the stack still gets its error row.
            return "(a " + value.getClass().getSimpleName() + " nested too deeply to print)";
        }
    }
}
