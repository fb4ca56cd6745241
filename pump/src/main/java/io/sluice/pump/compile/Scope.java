package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;
import java.util.List;

/**
 * What a pump's SELECT can see: the columns of the stream it reads (in order), the stream's name and alias,
 * and whether it is the source stream (which alone has the record-metadata columns).
 */
public record Scope(String stream, String alias, List<Column> columns, boolean source) {

    /** A column of a stream. */
    public record Column(String name, SqlType type) {
    }

    public Scope {
        columns = List.copyOf(columns);
    }

    int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
