package io.sluice.pump.compile;

import java.util.BitSet;
import java.util.List;
import org.apache.kafka.connect.header.Headers;

/**
 * The pumps from the source stream to the destination, compiled for one set of source columns and run in
 * dependency order. Immutable and thread-safe.
 */
public final class Pipeline {

    private final Stage[] stages;
    private final BitSet usedSourceColumns;
    private final String sourceName;
    private final List<Scope.Column> sourceColumns;

    Pipeline(List<Stage> stages, BitSet usedSourceColumns, String sourceName, List<Scope.Column> sourceColumns) {
        this.stages = stages.toArray(new Stage[0]);
        this.usedSourceColumns = usedSourceColumns;
        this.sourceName = sourceName;
        this.sourceColumns = List.copyOf(sourceColumns);
    }

    /** The source columns the first pump reads; the others need not be read from the input at all. */
    public BitSet usedSourceColumns() {
        return (BitSet) usedSourceColumns.clone();
    }

    /**
     * Runs one source row through every pump. Returns the destination row (values in the destination
     * stream's column order), or null when a WHERE filtered it out.
     *
     * @throws PumpRecordException attributed to the failing pump; anything unexpected a record caused is one too
     *                             ({@link PumpRecordException#unexpected})
     */
    public Object[] run(Object[] sourceValues, long rowtime, Headers headers) {
        Row row = new Row(sourceValues, rowtime, headers);
        for (Stage stage : stages) {
            Object[] out;
            try {
                out = stage.apply(row);
            } catch (PumpRecordException e) {
                throw e.inPump(stage.pumpName());
            } catch (RuntimeException | StackOverflowError e) {
                throw PumpRecordException.unexpected(e).inPump(stage.pumpName());
            }
            if (out == null) {
                return null;
            }
            row = new Row(out, rowtime, null);
        }
        return row.values();
    }

    /**
     * The plan: the source stream's columns (those the pumps read marked {@code *}), then each pump in the order
     * they run, with its WHERE and what each column of the stream it fills is computed from, as SQL with types.
     */
    public String explain() {
        StringBuilder out = new StringBuilder("source " + Names.quote(sourceName) + " (* = read by the pumps)\n");
        for (int i = 0; i < sourceColumns.size(); i++) {
            Scope.Column column = sourceColumns.get(i);
            out.append(usedSourceColumns.get(i) ? "  * " : "    ").append(Names.quote(column.name())).append(' ')
                    .append(column.type()).append('\n');
        }
        for (Stage stage : stages) {
            out.append(stage);
        }
        return out.toString();
    }
}
