package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;

/**
 * A pump's WHERE or one of its output values, with the SQL it was compiled from and its type, so a plan can show
 * what runs ({@link Stage#toString()}). Used only at the top of each compiled expression: one call more per value
 * per record. Immutable and thread-safe.
 */
record DescribedTerm(Term term, String sql, SqlType type) implements Term {

    @Override
    public Object eval(Row row) {
        return term.eval(row);
    }

    @Override
    public String toString() {
        return sql + "  " + type;
    }
}
