package io.sluice.pump.compile;

import java.util.List;

/**
 * One compiled pump: its WHERE condition (null when absent) and one term per column of the stream it inserts
 * into, already converted to that column's type (null for a column the INSERT does not list). Its
 * {@link #toString()} is its part of the plan. Immutable.
 */
public final class Stage {

    private final String pumpName;
    private final String from;
    private final String into;
    private final List<Scope.Column> intoColumns;
    private final DescribedTerm where;
    private final DescribedTerm[] projections;

    Stage(String pumpName, String from, String into, List<Scope.Column> intoColumns, DescribedTerm where,
          DescribedTerm[] projections) {
        this.pumpName = pumpName;
        this.from = from;
        this.into = into;
        this.intoColumns = List.copyOf(intoColumns);
        this.where = where;
        this.projections = projections.clone();
    }

    public String pumpName() {
        return pumpName;
    }

    /** The target stream's row for {@code row}, or null when WHERE does not hold (FALSE or UNKNOWN). */
    Object[] apply(Row row) {
        if (where != null && where.eval(row) != Boolean.TRUE) {
            return null;
        }
        Term[] p = projections;
        Object[] out = new Object[p.length];
        for (int i = 0; i < p.length; i++) {
            Term t = p[i];
            out[i] = t == null ? null : t.eval(row);
        }
        return out;
    }

    /**
     * This pump as the plan shows it:
     *
     * <pre>
     * pump "STREAM_PUMP": "SOURCE_SQL_STREAM_001" -&gt; "AndersonStream"
     *   WHERE ("gender" SIMILAR TO 'M')  BOOLEAN
     *   "name" VARCHAR(50) &lt;- "name"  VARCHAR(32767)
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("pump " + Names.quote(pumpName) + ": " + Names.quote(from) + " -> "
                + Names.quote(into) + "\n");
        out.append("  WHERE ").append(where == null ? "(none: every row passes)" : where).append('\n');
        for (int i = 0; i < projections.length; i++) {
            Scope.Column column = intoColumns.get(i);
            out.append("  ").append(Names.quote(column.name())).append(' ').append(column.type()).append(" <- ")
                    .append(projections[i] == null ? "NULL (not in the INSERT list)" : projections[i]).append('\n');
        }
        return out.toString();
    }
}
