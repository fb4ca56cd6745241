package io.sluice.server.wire;

import io.sluice.server.wire.WireStruct;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A response structure as its members' names and values side by side in one array, in wire order; {@code null}
 * values are left out of the wire form. A read-only map for whoever inspects a response, and cheap to build and to
 * write: a GetRecords answer holds one per record, where a {@code LinkedHashMap} cost more than writing the record.
 */
public final class WireStruct extends AbstractMap<String, Object> {

    private final Object[] namesAndValues;

    /** {@code name1, value1, name2, value2, ...}; the array is kept, not copied. */
    public WireStruct(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("member " + i / 2 + " has no name");
            }
        }
        this.namesAndValues = namesAndValues;
    }

    /** Members, present or null. */
    int members() {
        return namesAndValues.length / 2;
    }

    String name(int member) {
        return (String) namesAndValues[2 * member];
    }

    Object value(int member) {
        return namesAndValues[2 * member + 1];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < members();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>(name(next), value(next));
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return members();
            }
        };
    }
}
