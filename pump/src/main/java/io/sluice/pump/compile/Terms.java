package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;
import java.util.function.Function;

/**
 * Helpers for the terms functions compile to: a {@code strict} term returns NULL as soon as an argument is NULL
 * (SQL's rule for almost every function) without evaluating the rest.
 */
final class Terms {

    private Terms() {
    }

    static Term strict(Term a, Function<Object, Object> f) {
        return row -> {
            Object x = a.eval(row);
            return x == null ? null : f.apply(x);
        };
    }

    interface F2 {
        Object apply(Object a, Object b);
    }

    interface F3 {
        Object apply(Object a, Object b, Object c);
    }

    static Term strict(Term a, Term b, F2 f) {
        return row -> {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row);
            return y == null ? null : f.apply(x, y);
        };
    }

    static Term strict(Term a, Term b, Term c, F3 f) {
        return row -> {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row);
            if (y == null) {
                return null;
            }
            Object z = c.eval(row);
            return z == null ? null : f.apply(x, y, z);
        };
    }

    static Typed typed(Term t, SqlType type) {
        return new Typed(t, type, false);
    }

    /** A record whose argument is outside the function's domain (a negative length, a bad format). */
    static PumpRecordException invalid(String message) {
        return new PumpRecordException(PumpRecordException.INVALID_ARGUMENT, message);
    }
}
