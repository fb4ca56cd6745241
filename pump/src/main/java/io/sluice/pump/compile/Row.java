package io.sluice.pump.compile;

import org.apache.kafka.connect.header.Headers;

/**
 * One row flowing through a pump: the values of its stream's columns in declaration order (run-time
 * representation per {@link io.sluice.pump.type.SqlType}), its ROWTIME, and the record headers the metadata
 * columns come from (null for rows of intermediate streams). Not thread-safe; one per record.
 */
public final class Row {

    private final Object[] values;
    private final long rowtime;
    private final Headers headers;

    public Row(Object[] values, long rowtime, Headers headers) {
        this.values = values;
        this.rowtime = rowtime;
        this.headers = headers;
    }

    public Object get(int index) {
        return values[index];
    }

    public Object[] values() {
        return values;
    }

    public long rowtime() {
        return rowtime;
    }

    public Headers headers() {
        return headers;
    }
}
