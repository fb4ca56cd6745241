package io.sluice.console.playground;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.console.web.Json;
import io.sluice.pump.Pump;
import io.sluice.pump.compile.PumpRecordException;
import io.sluice.pump.compile.Scope;
import io.sluice.pump.sql.PumpSqlException;
import java.util.List;

/**
 * Runs pump SQL on sample records as the transform would: compiles it (a mistake answers with the CLI's message —
 * line and column, the line, a caret, a hint — and its parts for the editor to mark), then judges every record:
 * passed (with the destination row), filtered out, or failed (with the pump's error, as the transform's error
 * routing names it). Source columns are taken from the first record, as for schemaless JSON in Connect.
 */
public final class PumpPlayground {

    public static final int MAX_SQL_CHARS = 100_000;
    public static final int MAX_RECORDS = 1000;

    /** One sample: the record's data as text and its arrival time (the row's ROWTIME). */
    public record Sample(String text, long arrivalMs) {
    }

    private PumpPlayground() {
    }

    public static ObjectNode run(String sql, List<Sample> samples) {
        ObjectNode result = Json.object();
        Pump pump;
        try {
            pump = Pump.compile(sql, Pump.Options.defaults());
        } catch (PumpSqlException e) {
            return sqlError(result, e);
        }
        ArrayNode passed = result.putArray("passed");
        ArrayNode filtered = result.putArray("filtered");
        ArrayNode failed = result.putArray("failed");
        for (Sample sample : samples) {
            Object[] row;
            try {
                row = pump.evaluate(sample.text(), null, sample.arrivalMs(), null);
            } catch (PumpSqlException e) { // the first record showed the SQL names a column the source lacks
                return sqlError(Json.object(), e);
            } catch (PumpRecordException e) {
                failed.addObject().put("input", sample.text()).put("error", e.errorName()
                        + (e.pumpName() == null ? "" : " in pump \"" + e.pumpName() + "\"") + ": " + e.getMessage());
                continue;
            }
            if (row == null) {
                filtered.addObject().put("input", sample.text());
            } else {
                passed.addObject().put("input", sample.text()).set("row", pump.toJson(row));
            }
        }
        ArrayNode columns = result.putArray("columns");
        for (Scope.Column column : pump.outputColumns()) {
            columns.add(column.name());
        }
        return result;
    }

    private static ObjectNode sqlError(ObjectNode result, PumpSqlException e) {
        ObjectNode error = result.putObject("sqlError")
                .put("message", e.getMessage())
                .put("reason", e.reason())
                .put("sourceLine", e.sourceLine());
        if (e.position() != null) {
            error.put("line", e.position().line()).put("column", e.position().column());
        }
        e.hint().ifPresent(hint -> error.put("hint", hint));
        return result;
    }
}
