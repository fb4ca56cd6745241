package io.sluice.pump.compile;

import static io.sluice.pump.compile.Functions.register;
import static io.sluice.pump.compile.Terms.typed;

import io.sluice.pump.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/** COALESCE and NULLIF: the functions that do not simply return NULL for a NULL argument. */
final class NullFunctions {

    private NullFunctions() {
    }

    static void registerAll() {
        register("COALESCE", "COALESCE(a, b, ...) → the first non-NULL argument", call -> {
            if (call.args.isEmpty()) {
                call.arity(1, Integer.MAX_VALUE, "COALESCE(a, b, ...)");
            }
            List<SqlType> types = new ArrayList<>();
            for (int i = 0; i < call.args.size(); i++) {
                if (call.arg(i) == null) {
                    throw call.error("COALESCE expects values", i, null);
                }
                types.add(call.arg(i).type());
            }
            SqlType type = unify(call, types, "COALESCE");
            Term[] terms = new Term[call.args.size()];
            for (int i = 0; i < terms.length; i++) {
                terms[i] = call.c.convertTerm(call.arg(i), type);
            }
            return typed(row -> {
                for (Term t : terms) {
                    Object v = t.eval(row);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }, type);
        });
        register("NULLIF", "NULLIF(a, b) → NULL when a = b, else a", call -> {
            call.arity(2, 2, "NULLIF(a, b)");
            Typed a = call.arg(0);
            Typed b = call.arg(1);
            Comparisons.Compare cmp = call.c.comparable(a.type(), b.type(), "NULLIF", call.ast.position());
            Term at = a.term();
            Term bt = b.term();
            return typed(row -> {
                Object x = at.eval(row);
                if (x == null) {
                    return null;
                }
                Object y = bt.eval(row);
                return y != null && cmp.compare(x, y) == 0 ? null : x;
            }, a.type());
        });
    }

    private static SqlType unify(FunctionCall call, List<SqlType> types, String what) {
        try {
            return ExpressionCompiler.unify(types);
        } catch (IllegalArgumentException e) {
            throw call.error(what + " arguments have incompatible types: " + e.getMessage(), -1,
                    "CAST them to one type");
        }
    }
}
