package io.sluice.pump.compile;

import io.sluice.pump.sql.Parser;
import io.sluice.pump.type.SqlType;
import java.math.BigDecimal;
import java.util.List;

/** Test harness: compiles one expression against a fixed row and shows the result as SQL text. */
final class Eval {

    static final Scope SCOPE = new Scope("S", null, List.of(
            new Scope.Column("I", SqlType.INTEGER),
            new Scope.Column("N", SqlType.INTEGER),
            new Scope.Column("S", SqlType.varchar(20)),
            new Scope.Column("NS", SqlType.varchar(20)),
            new Scope.Column("D", SqlType.decimal(10, 2)),
            new Scope.Column("F", SqlType.DOUBLE),
            new Scope.Column("T", SqlType.TIMESTAMP),
            new Scope.Column("B", SqlType.BOOLEAN),
            new Scope.Column("NB", SqlType.BOOLEAN),
            new Scope.Column("GENDER", SqlType.varchar(4))), true);

    /** 2024-03-15 10:20:30.123 UTC. */
    static final long T = 1710498030123L;

    static final Row ROW = new Row(new Object[] {7L, null, "hello", null, new BigDecimal("12.50"), 2.5, T, true, null,
        "M"}, T, null);

    private Eval() {
    }

    static Typed compile(String expr) {
        return new ExpressionCompiler(expr, SCOPE).compile(Parser.parseExpression(expr));
    }

    static String eval(String expr) {
        Typed t = compile(expr);
        return show(t.term().eval(ROW), t.type());
    }

    static String type(String expr) {
        return compile(expr).type().toString();
    }

    static String show(Object v, SqlType type) {
        if (v == null) {
            return "NULL";
        }
        switch (type.kind()) {
            case BOOLEAN:
                return ((Boolean) v) ? "TRUE" : "FALSE";
            case VARCHAR:
            case CHAR:
                return "'" + v + "'";
            case DECIMAL:
                return ((BigDecimal) v).toPlainString();
            case TIMESTAMP:
                return "TIMESTAMP '" + Conversions.formatTimestamp((Long) v) + "'";
            case DATE:
            case TIME:
                return type.kind() + " '" + Conversions.textOf(type).apply(v) + "'";
            default:
                return String.valueOf(v);
        }
    }
}
