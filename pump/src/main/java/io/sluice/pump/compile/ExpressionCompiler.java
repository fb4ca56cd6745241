package io.sluice.pump.compile;

import io.sluice.pump.sql.Ast;
import io.sluice.pump.sql.Position;
import io.sluice.pump.sql.PumpSqlException;
import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Type-checks an expression against a {@link Scope} and compiles it into a {@link Term}, once. Operator
 * implementations are chosen here by the operand types; NULL follows SQL's three-valued logic. Errors are
 * {@link PumpSqlException}s at the offending node's position.
 */
public final class ExpressionCompiler {

    private final String sql;
    private final Scope scope;
    /** True while compiling an operand where a string literal was likely meant (right of =, LIKE, IN ...). */
    private boolean valuePosition;
    /** The scope's columns the compiled expressions read, so input readers can skip the others. */
    private final BitSet used = new BitSet();

    public ExpressionCompiler(String sql, Scope scope) {
        this.sql = sql;
        this.scope = scope;
    }

    /** Indexes of the scope's columns that the expressions compiled so far read. */
    public BitSet usedColumns() {
        return (BitSet) used.clone();
    }

    PumpSqlException error(String reason, Position at, String hint) {
        return new PumpSqlException(reason, at, hint, sql);
    }

    /** Compiles a condition (WHERE, CASE WHEN): it must be BOOLEAN. */
    public Typed condition(Ast.Expr expr, String clause) {
        Typed t = compile(expr);
        if (t.type().kind() != Kind.BOOLEAN && !t.type().isNull()) {
            throw error(clause + " needs a BOOLEAN condition, got " + t.type(), expr.position(),
                    expr instanceof Ast.ColumnRef || expr instanceof Ast.Literal
                            ? "compare it with something, e.g. " + clause + " x = 'value'" : null);
        }
        return t;
    }

    /** Compiles an operand where a quoted name was probably meant as a string literal. */
    private Typed compileValue(Ast.Expr expr) {
        boolean saved = valuePosition;
        valuePosition = true;
        try {
            return compile(expr);
        } finally {
            valuePosition = saved;
        }
    }

    /** Compiles any expression. */
    public Typed compile(Ast.Expr expr) {
        Typed t = compileNode(expr);
        return fold(t, expr);
    }

    /** Evaluates a row-independent term once; a failure stays a per-record error. */
    private Typed fold(Typed t, Ast.Expr expr) {
        if (!t.constant() || expr instanceof Ast.Literal) {
            return t;
        }
        try {
            return Typed.constant(t.term().eval(null), t.type());
        } catch (PumpRecordException e) {
            return t;
        }
    }

    private Typed compileNode(Ast.Expr expr) {
        if (expr instanceof Ast.Literal lit) {
            return Typed.constant(lit.value(), lit.type());
        }
        if (expr instanceof Ast.ColumnRef columnRef) {
            return column(columnRef);
        }
        if (expr instanceof Ast.Unary unary) {
            return unary(unary);
        }
        if (expr instanceof Ast.Binary binary) {
            return binary(binary);
        }
        if (expr instanceof Ast.IsNull n) {
            Typed operand = compile(n.operand());
            Term t = operand.term();
            boolean negated = n.negated();
            return new Typed(row -> (t.eval(row) == null) != negated, SqlType.BOOLEAN, operand.constant());
        }
        if (expr instanceof Ast.IsTruth n) {
            Typed operand = condition(n.operand(), "IS " + (n.truth() == null ? "UNKNOWN" : n.truth() ? "TRUE" : "FALSE"));
            Boolean truth = n.truth();
            boolean negated = n.negated();
            Term t = operand.term();
            return new Typed(row -> Objects.equals(t.eval(row), truth) != negated, SqlType.BOOLEAN,
                    operand.constant());
        }
        if (expr instanceof Ast.Between between) {
            return between(between);
        }
        if (expr instanceof Ast.InList inList) {
            return in(inList);
        }
        if (expr instanceof Ast.Like like) {
            return like(like);
        }
        if (expr instanceof Ast.Case caseValue) {
            return caseExpr(caseValue);
        }
        if (expr instanceof Ast.Cast cast) {
            return cast(cast);
        }
        if (expr instanceof Ast.Call call) {
            return Functions.compile(this, call);
        }
        Ast.Keyword k = (Ast.Keyword) expr;
        throw error("unexpected keyword " + k.word(), k.position(), null);
    }

    // ---- columns

    private Typed column(Ast.ColumnRef ref) {
        if (ref.qualifier() != null) {
            String q = ref.qualifier().name();
            if (!q.equals(scope.stream()) && !q.equals(scope.alias())) {
                throw error("Stream " + show(ref.qualifier()) + " is not in FROM (it reads "
                        + Names.quote(scope.stream())
                        + (scope.alias() == null ? "" : " AS " + Names.quote(scope.alias())) + ")",
                        ref.qualifier().position(), null);
            }
        }
        Ast.Identifier id = ref.column();
        String name = id.name();
        int index = scope.indexOf(name);
        if (index >= 0) {
            used.set(index);
            int i = index;
            return new Typed(row -> row.get(i), scope.columns().get(index).type(), false);
        }
        if (name.equals(Metadata.ROWTIME)) {
            return new Typed(Row::rowtime, SqlType.TIMESTAMP, false);
        }
        if (scope.source() && Metadata.COLUMNS.containsKey(name)) {
            return new Typed(Metadata.term(name), Metadata.typeOf(name), false);
        }
        throw unknownColumn(id);
    }

    private PumpSqlException unknownColumn(Ast.Identifier id) {
        String name = id.name();
        String caseMatch = null;
        for (Scope.Column c : scope.columns()) {
            if (c.name().equalsIgnoreCase(name)) {
                caseMatch = c.name();
            }
        }
        String where = " in stream " + Names.quote(scope.stream());
        if (!id.quoted() && caseMatch != null) {
            return error("Column " + name + " does not exist" + where + " (unquoted names are upper-cased)",
                    id.position(), "did you mean " + Names.quote(caseMatch) + "?");
        }
        if (caseMatch != null) {
            return error("Column " + Names.quote(name) + " does not exist" + where, id.position(),
                    "quoted names are case-sensitive; did you mean " + Names.quote(caseMatch) + "?");
        }
        if (id.quoted() && valuePosition) {
            return error("Column " + Names.quote(name) + " does not exist" + where, id.position(),
                    "string literals take single quotes: '" + name.replace("'", "''") + "'");
        }
        if (id.quoted()) {
            String near = nearest(name);
            return error("Column " + Names.quote(name) + " does not exist" + where, id.position(),
                    near != null ? "did you mean " + Names.quote(near) + "?" : "its columns are " + columnList());
        }
        String near = nearest(name);
        return error("Column " + name + " does not exist" + where, id.position(),
                near != null ? "did you mean " + Names.quote(near) + "?" : "its columns are " + columnList());
    }

    private String nearest(String name) {
        return Names.nearest(name, scope.columns().stream().map(Scope.Column::name).toList(), true);
    }


    private String columnList() {
        if (scope.columns().isEmpty()) {
            return "(none)";
        }
        List<String> names = new ArrayList<>();
        for (Scope.Column c : scope.columns()) {
            names.add(Names.quote(c.name()));
            if (names.size() == 12) {
                names.add("...");
                break;
            }
        }
        return String.join(", ", names);
    }


    private static String show(Ast.Identifier id) {
        return id.quoted() ? Names.quote(id.name()) : id.name();
    }

    // ---- operators

    private Typed unary(Ast.Unary u) {
        if (u.operator().equals("NOT")) {
            Typed operand = condition(u.operand(), "NOT");
            Term t = operand.term();
            return new Typed(row -> {
                Object v = t.eval(row);
                return v == null ? null : !(Boolean) v;
            }, SqlType.BOOLEAN, operand.constant());
        }
        Typed operand = compile(u.operand());
        SqlType type = operand.type();
        if (u.operator().equals("+")) {
            if (!type.isNumeric() && !type.isInterval() && !type.isNull()) {
                throw error("unary + needs a number, got " + type, u.position(), null);
            }
            return operand;
        }
        Term t = operand.term();
        if (type.isExactInteger() || type.isInterval()) {
            SqlType result = type.kind() == Kind.TINYINT || type.kind() == Kind.SMALLINT ? SqlType.INTEGER : type;
            return new Typed(row -> {
                Object v = t.eval(row);
                if (v == null) {
                    return null;
                }
                long l = (Long) v;
                if (l == Long.MIN_VALUE) {
                    throw new PumpRecordException(PumpRecordException.OUT_OF_RANGE, "-(" + l + ") is out of range");
                }
                return -l;
            }, result, operand.constant());
        }
        if (type.kind() == Kind.DECIMAL) {
            return new Typed(row -> {
                Object v = t.eval(row);
                return v == null ? null : ((BigDecimal) v).negate();
            }, type, operand.constant());
        }
        if (type.isApproximate()) {
            return new Typed(row -> {
                Object v = t.eval(row);
                return v == null ? null : -(Double) v;
            }, type, operand.constant());
        }
        if (type.isNull()) {
            return operand;
        }
        throw error("unary - needs a number, got " + type, u.position(), null);
    }

    private Typed binary(Ast.Binary b) {
        String op = b.operator();
        switch (op) {
            case "AND":
            case "OR":
                return logic(b);
            case "=":
            case "<>":
            case "<":
            case "<=":
            case ">":
            case ">=":
                return comparison(b);
            case "||":
                return concat(b);
            default:
                return arithmetic(b);
        }
    }

    private Typed logic(Ast.Binary b) {
        Typed l = condition(b.left(), b.operator());
        Typed r = condition(b.right(), b.operator());
        Term lt = l.term();
        Term rt = r.term();
        boolean constant = l.constant() && r.constant();
        if (b.operator().equals("AND")) {
            return new Typed(row -> {
                Object a = lt.eval(row);
                if (a == Boolean.FALSE) {
                    return Boolean.FALSE;
                }
                Object c = rt.eval(row);
                if (c == Boolean.FALSE) {
                    return Boolean.FALSE;
                }
                return a == null || c == null ? null : Boolean.TRUE;
            }, SqlType.BOOLEAN, constant);
        }
        return new Typed(row -> {
            Object a = lt.eval(row);
            if (a == Boolean.TRUE) {
                return Boolean.TRUE;
            }
            Object c = rt.eval(row);
            if (c == Boolean.TRUE) {
                return Boolean.TRUE;
            }
            return a == null || c == null ? null : Boolean.FALSE;
        }, SqlType.BOOLEAN, constant);
    }

    /** Operands converted to one type and the comparator for it. */
    Comparisons.Compare comparable(SqlType a, SqlType b, String op, Position at) {
        SqlType common;
        try {
            common = unify(List.of(a, b));
        } catch (IllegalArgumentException e) {
            common = null;
        }
        if (common == null || common.isNull() && !(a.isNull() || b.isNull())) {
            throw error("Cannot compare " + a + " with " + b + " ('" + op + "')", at, castHint(a, b));
        }
        return new Comparisons.Compare(Conversions.converter(a, common, false), Conversions.converter(b, common, false),
                Comparisons.comparatorFor(common, a.kind() == Kind.CHAR || b.kind() == Kind.CHAR));
    }

    private static String castHint(SqlType a, SqlType b) {
        if (a.isString() && b.isNumeric() || a.isNumeric() && b.isString()) {
            return "convert one side explicitly, e.g. CAST(x AS " + (a.isNumeric() ? a : b) + ")";
        }
        if (a.isString() && b.isDatetime() || a.isDatetime() && b.isString()) {
            return "write a typed literal, e.g. TIMESTAMP '2024-01-01 00:00:00', or CAST the string";
        }
        return null;
    }

    private Typed comparison(Ast.Binary b) {
        Typed l = compile(b.left());
        Typed r = compileValue(b.right());
        Comparisons.Compare cmp = comparable(l.type(), r.type(), b.operator(), b.position());
        Term lt = l.term();
        Term rt = r.term();
        boolean constant = l.constant() && r.constant();
        String op = b.operator();
        // Equality of same-typed strings is the common filter (WHERE "gender" = 'M'): use equals directly.
        if ((op.equals("=") || op.equals("<>")) && l.type().kind() == Kind.VARCHAR && r.type().kind() == Kind.VARCHAR) {
            boolean eq = op.equals("=");
            return new Typed(row -> {
                Object x = lt.eval(row);
                if (x == null) {
                    return null;
                }
                Object y = rt.eval(row);
                return y == null ? null : x.equals(y) == eq;
            }, SqlType.BOOLEAN, constant);
        }
        Predicate<Integer> test = Comparisons.predicateFor(op);
        return new Typed(row -> {
            Object x = lt.eval(row);
            if (x == null) {
                return null;
            }
            Object y = rt.eval(row);
            return y == null ? null : test.test(cmp.compare(x, y));
        }, SqlType.BOOLEAN, constant);
    }

    private Typed between(Ast.Between b) {
        Typed v = compile(b.value());
        Typed lo = compileValue(b.low());
        Typed hi = compileValue(b.high());
        Comparisons.Compare cl = comparable(v.type(), lo.type(), "BETWEEN", b.position());
        Comparisons.Compare ch = comparable(v.type(), hi.type(), "BETWEEN", b.position());
        Term vt = v.term();
        Term lt = lo.term();
        Term ht = hi.term();
        boolean negated = b.negated();
        return new Typed(row -> {
            Object x = vt.eval(row);
            Object l = lt.eval(row);
            Object h = ht.eval(row);
            Boolean geLow = x == null || l == null ? null : cl.compare(x, l) >= 0;
            Boolean leHigh = x == null || h == null ? null : ch.compare(x, h) <= 0;
            Boolean result;
            if (geLow == Boolean.FALSE || leHigh == Boolean.FALSE) {
                result = Boolean.FALSE;
            } else if (geLow == null || leHigh == null) {
                result = null;
            } else {
                result = Boolean.TRUE;
            }
            return result == null ? null : result != negated;
        }, SqlType.BOOLEAN, v.constant() && lo.constant() && hi.constant());
    }

    private Typed in(Ast.InList in) {
        Typed v = compile(in.value());
        List<Term> terms = new ArrayList<>();
        List<Comparisons.Compare> compares = new ArrayList<>();
        boolean constant = v.constant();
        for (Ast.Expr e : in.list()) {
            Typed t = compileValue(e);
            compares.add(comparable(v.type(), t.type(), "IN", e.position()));
            terms.add(t.term());
            constant &= t.constant();
        }
        Term vt = v.term();
        Term[] items = terms.toArray(new Term[0]);
        Comparisons.Compare[] cmps = compares.toArray(new Comparisons.Compare[0]);
        boolean negated = in.negated();
        return new Typed(row -> {
            Object x = vt.eval(row);
            if (x == null) {
                return null;
            }
            boolean sawNull = false;
            for (int i = 0; i < items.length; i++) {
                Object y = items[i].eval(row);
                if (y == null) {
                    sawNull = true;
                } else if (cmps[i].compare(x, y) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        }, SqlType.BOOLEAN, constant);
    }

    private Typed like(Ast.Like like) {
        String what = like.similar() ? "SIMILAR TO" : "LIKE";
        Typed v = compile(like.value());
        Typed p = compileValue(like.pattern());
        Typed e = like.escape() == null ? null : compileValue(like.escape());
        requireString(v, what, like.value());
        requireString(p, what, like.pattern());
        if (e != null) {
            requireString(e, "ESCAPE", like.escape());
        }
        boolean similar = like.similar();
        boolean negated = like.negated();
        Term vt = v.term();
        if (p.constant() && (e == null || e.constant())) {
            String pattern = (String) p.constantValue();
            String escape = e == null ? null : (String) e.constantValue();
            if (pattern == null || (e != null && escape == null)) {
                return Typed.constant(null, SqlType.BOOLEAN);
            }
            Predicate<String> matcher;
            try {
                Character esc = Patterns.escapeChar(escape);
                matcher = similar ? Patterns.similar(pattern, esc) : Patterns.like(pattern, esc);
            } catch (Patterns.BadPattern bad) {
                throw error(bad.getMessage(), (e != null && bad.getMessage().startsWith("ESCAPE")
                        ? like.escape() : like.pattern()).position(), null);
            }
            return new Typed(row -> {
                Object x = vt.eval(row);
                return x == null ? null : matcher.test((String) x) != negated;
            }, SqlType.BOOLEAN, v.constant());
        }
        Term pt = p.term();
        Term et = e == null ? row -> null : e.term();
        boolean hasEscape = e != null;
        // The pattern comes from the record: compile each distinct one once.
        PatternCache<Predicate<String>> matchers = new PatternCache<>(similar ? Patterns::similar : Patterns::like);
        return new Typed(row -> {
            Object x = vt.eval(row);
            Object pat = pt.eval(row);
            Object esc = et.eval(row);
            if (x == null || pat == null || (hasEscape && esc == null)) {
                return null;
            }
            try {
                Predicate<String> m = matchers.get((String) pat, Patterns.escapeChar((String) esc));
                return m.test((String) x) != negated;
            } catch (Patterns.BadPattern bad) {
                throw new PumpRecordException(PumpRecordException.INVALID_ARGUMENT, bad.getMessage());
            }
        }, SqlType.BOOLEAN, false);
    }

    void requireString(Typed t, String what, Ast.Expr at) {
        if (!t.type().isString() && !t.type().isNull()) {
            throw error(what + " needs a VARCHAR, got " + t.type(), at.position(),
                    "convert it with CAST(... AS VARCHAR(n))");
        }
    }

    private Typed concat(Ast.Binary b) {
        Typed l = compile(b.left());
        Typed r = compile(b.right());
        Term lt = l.term();
        Term rt = r.term();
        boolean constant = l.constant() && r.constant();
        if (l.type().kind() == Kind.VARBINARY && r.type().kind() == Kind.VARBINARY) {
            return new Typed(row -> {
                byte[] x = (byte[]) lt.eval(row);
                byte[] y = x == null ? null : (byte[]) rt.eval(row);
                if (y == null) {
                    return null;
                }
                byte[] out = Arrays.copyOf(x, x.length + y.length);
                System.arraycopy(y, 0, out, x.length, y.length);
                return out;
            }, SqlType.varbinary(Math.min(SqlType.MAX_VARCHAR, l.type().length() + r.type().length())), constant);
        }
        for (Typed t : List.of(l, r)) {
            if (!t.type().isString() && !t.type().isNull()) {
                Ast.Expr at = t == l ? b.left() : b.right();
                throw error("|| needs VARCHAR operands, got " + t.type(), at.position(),
                        "convert it with CAST(... AS VARCHAR(n))");
            }
        }
        int length = Math.min(SqlType.MAX_VARCHAR, Math.max(1, l.type().length() + r.type().length()));
        return new Typed(row -> {
            Object x = lt.eval(row);
            if (x == null) {
                return null;
            }
            Object y = rt.eval(row);
            return y == null ? null : ((String) x).concat((String) y);
        }, SqlType.varchar(length), constant);
    }

    private Typed arithmetic(Ast.Binary b) {
        Typed l = compile(b.left());
        Typed r = compile(b.right());
        String op = b.operator();
        SqlType a = l.type();
        SqlType c = r.type();
        boolean constant = l.constant() && r.constant();
        if (a.isNull() || c.isNull()) {
            SqlType other = a.isNull() ? c : a;
            if (!other.isNumeric() && !other.isNull() && !other.isDatetime() && !other.isInterval()) {
                throw error("'" + op + "' needs numbers, got " + other, b.position(), null);
            }
            return Typed.constant(null, other.isNull() ? SqlType.INTEGER : other);
        }
        if (a.isNumeric() && c.isNumeric()) {
            return Arithmetic.numeric(op, l, r, constant);
        }
        Typed dt = Arithmetic.datetime(op, l, r, constant);
        if (dt != null) {
            return dt;
        }
        String hint = a.isString() || c.isString() ? (op.equals("+") && a.isString() && c.isString()
                ? "strings concatenate with ||" : "convert the string with CAST(... AS <number type>)")
                : a.isDatetime() && c.isDatetime() ? "subtract UNIX_TIMESTAMP(a) - UNIX_TIMESTAMP(b) for milliseconds"
                : null;
        throw error("Cannot apply '" + op + "' to " + a + " and " + c, b.position(), hint);
    }

    // ---- CASE and CAST

    private Typed caseExpr(Ast.Case c) {
        Typed operand = c.operand() == null ? null : compile(c.operand());
        List<Typed> conditions = new ArrayList<>();
        List<Typed> results = new ArrayList<>();
        List<SqlType> resultTypes = new ArrayList<>();
        boolean constant = operand == null || operand.constant();
        for (Ast.When w : c.whens()) {
            Typed cond;
            if (operand == null) {
                cond = condition(w.condition(), "WHEN");
            } else {
                Typed value = compileValue(w.condition());
                Comparisons.Compare cmp = comparable(operand.type(), value.type(), "CASE", w.condition().position());
                Term ot = operand.term();
                Term vt = value.term();
                cond = new Typed(row -> {
                    Object x = ot.eval(row);
                    Object y = x == null ? null : vt.eval(row);
                    return y == null ? null : cmp.compare(x, y) == 0;
                }, SqlType.BOOLEAN, operand.constant() && value.constant());
            }
            conditions.add(cond);
            Typed result = compile(w.result());
            results.add(result);
            resultTypes.add(result.type());
            constant &= cond.constant() && result.constant();
        }
        Typed otherwise = c.otherwise() == null ? Typed.constant(null, SqlType.NULL) : compile(c.otherwise());
        resultTypes.add(otherwise.type());
        constant &= otherwise.constant();
        SqlType type;
        try {
            type = unify(resultTypes);
        } catch (IllegalArgumentException e) {
            throw error("CASE results have incompatible types: " + e.getMessage(), c.position(),
                    "CAST the results to one type");
        }
        Term[] conds = new Term[conditions.size()];
        Term[] values = new Term[results.size()];
        for (int i = 0; i < conds.length; i++) {
            conds[i] = conditions.get(i).term();
            values[i] = convertTerm(results.get(i), type);
        }
        Term other = convertTerm(otherwise, type);
        return new Typed(row -> {
            for (int i = 0; i < conds.length; i++) {
                if (conds[i].eval(row) == Boolean.TRUE) {
                    return values[i].eval(row);
                }
            }
            return other.eval(row);
        }, type, constant);
    }

    /** The term converting {@code t} to {@code to} implicitly (no truncation involved: {@code to} is wider). */
    Term convertTerm(Typed t, SqlType to) {
        UnaryOperator<Object> conv = Conversions.converter(t.type(), to, false);
        if (conv == null) {
            return t.term();
        }
        Term inner = t.term();
        return row -> {
            Object v = inner.eval(row);
            return v == null ? null : conv.apply(v);
        };
    }

    private Typed cast(Ast.Cast c) {
        Typed operand = compile(c.operand());
        SqlType to = c.target();
        if (!Conversions.castable(operand.type(), to)) {
            throw error("Cannot CAST " + operand.type() + " to " + to, c.position(),
                    operand.type().isNumeric() && to.kind() == Kind.TIMESTAMP ? "use TO_TIMESTAMP(epoch ms)"
                            : operand.type().kind() == Kind.TIMESTAMP && to.isNumeric() ? "use UNIX_TIMESTAMP(ts)"
                            : null);
        }
        UnaryOperator<Object> conv = Conversions.converter(operand.type(), to, true);
        Term inner = operand.term();
        Term term = conv == null ? inner : row -> {
            Object v = inner.eval(row);
            return v == null ? null : conv.apply(v);
        };
        return new Typed(term, to, operand.constant());
    }

    /**
     * The type values of all {@code types} convert to (NULL types ignored): numbers widen, strings become
     * VARCHAR of the longest length, DATE with TIMESTAMP gives TIMESTAMP. Throws IllegalArgumentException
     * naming the clash when there is none.
     */
    static SqlType unify(List<SqlType> types) {
        SqlType result = SqlType.NULL;
        for (SqlType t : types) {
            if (t.isNull()) {
                continue;
            }
            if (result.isNull()) {
                result = t;
            } else if (result.isNumeric() && t.isNumeric()) {
                result = Arithmetic.promote(result, t);
            } else if (result.isString() && t.isString()) {
                result = result.kind() == Kind.CHAR && t.kind() == Kind.CHAR && result.length() == t.length()
                        ? result : SqlType.varchar(Math.max(result.length(), t.length()));
            } else if (result.isDatetime() && t.isDatetime() && result.kind() != t.kind()
                    && result.kind() != Kind.TIME && t.kind() != Kind.TIME) {
                result = SqlType.TIMESTAMP;
            } else if (result.kind() == t.kind()) {
                result = result.length() >= t.length() ? result : t;
            } else {
                throw new IllegalArgumentException(result + " and " + t);
            }
        }
        return result;
    }


}
