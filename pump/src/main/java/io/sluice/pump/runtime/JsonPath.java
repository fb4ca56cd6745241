package io.sluice.pump.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A column's input path, as KDA's input schema maps it: {@code $.a.b}, {@code $.items[0].id}. Works on a
 * JsonNode, a Map or a Struct; anything missing on the way gives null (the column is NULL). Immutable.
 */
public final class JsonPath {

    private final String text;
    private final Object[] segments; // String (field) or Integer (array index)

    private JsonPath(String text, Object[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Parses {@code $.a.b[0]}; throws IllegalArgumentException with the reason when malformed. */
    public static JsonPath parse(String text) {
        String t = text.trim();
        if (!t.startsWith("$")) {
            throw new IllegalArgumentException("a path starts with $, e.g. $.a.b");
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < t.length() && t.charAt(j) != '.' && t.charAt(j) != '[') {
                    j++;
                }
                if (j == i + 1) {
                    throw new IllegalArgumentException("empty field name at position " + (i + 1));
                }
                segments.add(t.substring(i + 1, j));
                i = j;
            } else if (c == '[') {
                int close = t.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed [ at position " + (i + 1));
                }
                String inner = t.substring(i + 1, close).trim();
                if (inner.matches("\\d+")) {
                    segments.add(Integer.parseInt(inner));
                } else if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(inner.substring(1, inner.length() - 1));
                } else {
                    throw new IllegalArgumentException("expected an index or a quoted name inside [ ]");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + (i + 1));
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("the path selects nothing; write $.field");
        }
        return new JsonPath(t, segments.toArray());
    }

    /** The value at this path in {@code root}, or null. */
    public Object read(Object root) {
        Object v = root;
        for (Object seg : segments) {
            if (v == null) {
                return null;
            }
            v = step(v, seg);
        }
        return v;
    }

    private static Object step(Object v, Object seg) {
        if (v instanceof JsonNode n) {
            JsonNode next = seg instanceof Integer integer ? n.get(integer) : n.get((String) seg);
            return next == null || next.isNull() ? null : next;
        }
        if (seg instanceof Integer integer) {
            if (v instanceof List) {
                List<?> list = (List<?>) v;
                int i = integer;
                return i < list.size() ? list.get(i) : null;
            }
            return null;
        }
        if (v instanceof Map) {
            return ((Map<?, ?>) v).get(seg);
        }
        if (v instanceof Struct s) {
            Field f = s.schema().field((String) seg);
            return f == null ? null : s.get(f);
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
