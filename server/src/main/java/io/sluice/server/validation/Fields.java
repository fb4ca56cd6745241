package io.sluice.server.validation;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request structure after type checking: member name → value, where a value is a {@link String},
 * {@link Long}, {@link Boolean}, {@code byte[]}, {@link Instant}, {@link List}, {@code Map<String, Object>} or a
 * nested {@link Fields}. Absent and JSON-null members are simply missing. Immutable.
 */
public final class Fields {

    private final Map<String, Object> values;

    public Fields(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public boolean has(String member) {
        return values.containsKey(member);
    }

    public Object get(String member) {
        return values.get(member);
    }

    public String string(String member) {
        return (String) values.get(member);
    }

    public Long number(String member) {
        return (Long) values.get(member);
    }

    public Integer integer(String member) {
        Long value = number(member);
        return value == null ? null : Math.toIntExact(value);
    }

    public Boolean bool(String member) {
        return (Boolean) values.get(member);
    }

    public byte[] blob(String member) {
        return (byte[]) values.get(member);
    }

    public Instant timestamp(String member) {
        return (Instant) values.get(member);
    }

    public Fields struct(String member) {
        return (Fields) values.get(member);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> list(String member) {
        return (List<T>) values.get(member);
    }

    @SuppressWarnings("unchecked")
    public <T> Map<String, T> map(String member) {
        return (Map<String, T>) values.get(member);
    }

    /** A copy with {@code member} set to {@code value}. */
    public Fields with(String member, Object value) {
        Map<String, Object> copy = new HashMap<>(values);
        copy.put(member, value);
        return new Fields(copy);
    }

    /** Members in name order, blobs shown by length, so messages that quote a structure are deterministic. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        new java.util.TreeMap<>(values).forEach((name, value) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(name).append('=').append(value instanceof byte[] bytes ? bytes.length + " bytes" : value);
        });
        return text.append('}').toString();
    }
}
