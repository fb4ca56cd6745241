package io.sluice.pump.compile;

/**
 * One compiled pump: its WHERE condition (null when absent) and one term per column of the stream it inserts
 * into, already converted to that column's type (null for a column the INSERT does not list). Immutable.
 */
public final class Stage {

    private final String pumpName;
    private final Term where;
    private final Term[] projections;

    Stage(String pumpName, Term where, Term[] projections) {
        this.pumpName = pumpName;
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
}
