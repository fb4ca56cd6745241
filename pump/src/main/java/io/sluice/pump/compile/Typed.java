package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;

/**
 * A compiled expression with its static type. {@code constant} terms do not depend on the row (and are
 * deterministic), so patterns, formats and regexes built from them are prepared once at compile time.
 */
public record Typed(Term term, SqlType type, boolean constant) {

    /** The value of a constant term. */
    public Object constantValue() {
        if (!constant) {
            throw new IllegalStateException("not a constant");
        }
        return term.eval(null);
    }

    static Typed constant(Object value, SqlType type) {
        return new Typed(row -> value, type, true);
    }
}
