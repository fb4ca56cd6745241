package io.sluice.pump.sql;

import java.util.List;

/**
 * An expression written back as SQL, for plans and messages: names quoted when they were, literals as written,
 * every operation in parentheses so the grouping the parser chose is visible ({@code ("a" + 1) * 2}). Calls the
 * parser normalised come back in their plain form ({@code SUBSTRING(s, 1, 2)}). Stateless; linear in the size of
 * the tree, whose depth the parser bounds.
 */
public final class SqlText {

    private SqlText() {
    }

    public static String of(Ast.Expr expr) {
        StringBuilder out = new StringBuilder();
        write(expr, out);
        return out.toString();
    }

    private static void write(Ast.Expr expr, StringBuilder out) {
        if (expr instanceof Ast.Literal literal) {
            out.append(literal.text());
        } else if (expr instanceof Ast.ColumnRef ref) {
            if (ref.qualifier() != null) {
                out.append(name(ref.qualifier())).append('.');
            }
            out.append(name(ref.column()));
        } else if (expr instanceof Ast.Unary unary) {
            out.append('(').append(unary.operator()).append(unary.operator().equals("NOT") ? " " : "");
            write(unary.operand(), out);
            out.append(')');
        } else if (expr instanceof Ast.Binary binary) {
            out.append('(');
            write(binary.left(), out);
            out.append(' ').append(binary.operator()).append(' ');
            write(binary.right(), out);
            out.append(')');
        } else if (expr instanceof Ast.IsNull isNull) {
            out.append('(');
            write(isNull.operand(), out);
            out.append(isNull.negated() ? " IS NOT NULL)" : " IS NULL)");
        } else if (expr instanceof Ast.IsTruth isTruth) {
            out.append('(');
            write(isTruth.operand(), out);
            out.append(isTruth.negated() ? " IS NOT " : " IS ")
                    .append(isTruth.truth() == null ? "UNKNOWN" : isTruth.truth() ? "TRUE" : "FALSE").append(')');
        } else if (expr instanceof Ast.Between between) {
            out.append('(');
            write(between.value(), out);
            out.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
            write(between.low(), out);
            out.append(" AND ");
            write(between.high(), out);
            out.append(')');
        } else if (expr instanceof Ast.InList in) {
            out.append('(');
            write(in.value(), out);
            out.append(in.negated() ? " NOT IN (" : " IN (");
            list(in.list(), out);
            out.append("))");
        } else if (expr instanceof Ast.Like like) {
            out.append('(');
            write(like.value(), out);
            out.append(like.negated() ? " NOT" : "").append(like.similar() ? " SIMILAR TO " : " LIKE ");
            write(like.pattern(), out);
            if (like.escape() != null) {
                out.append(" ESCAPE ");
                write(like.escape(), out);
            }
            out.append(')');
        } else if (expr instanceof Ast.Case c) {
            out.append("CASE");
            if (c.operand() != null) {
                out.append(' ');
                write(c.operand(), out);
            }
            for (Ast.When when : c.whens()) {
                out.append(" WHEN ");
                write(when.condition(), out);
                out.append(" THEN ");
                write(when.result(), out);
            }
            if (c.otherwise() != null) {
                out.append(" ELSE ");
                write(c.otherwise(), out);
            }
            out.append(" END");
        } else if (expr instanceof Ast.Cast cast) {
            out.append("CAST(");
            write(cast.operand(), out);
            out.append(" AS ").append(cast.target()).append(')');
        } else if (expr instanceof Ast.Call call) {
            out.append(call.name()).append('(');
            specialForm(call, out);
            out.append(')');
        } else if (expr instanceof Ast.Keyword keyword) {
            out.append(keyword.word());
        }
    }

    /** The arguments, in the syntax of the calls the parser normalised, so the text parses back the same. */
    private static void specialForm(Ast.Call call, StringBuilder out) {
        List<Ast.Expr> args = call.arguments();
        switch (call.name()) {
            case "EXTRACT" -> joined(out, args, " FROM ");
            case "TRIM" -> {
                write(args.get(0), out);
                out.append(' ');
                joined(out, args.subList(1, args.size()), " FROM ");
            }
            case "POSITION" -> joined(out, args, " IN ", " FROM ");
            case "OVERLAY" -> joined(out, args, " PLACING ", " FROM ", " FOR ");
            case "FLOOR", "CEIL", "CEILING" -> joined(out, args, args.size() == 2
                    && args.get(1) instanceof Ast.Keyword ? " TO " : ", ");
            default -> joined(out, args, ", ");
        }
    }

    /** {@code args} with {@code separators[i]} before argument i + 1 (the last separator repeats). */
    private static void joined(StringBuilder out, List<Ast.Expr> args, String... separators) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(separators[Math.min(i - 1, separators.length - 1)]);
            }
            write(args.get(i), out);
        }
    }

    private static void list(List<Ast.Expr> items, StringBuilder out) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(items.get(i), out);
        }
    }

    /** A name as it was written: quoted names in double quotes (inner quotes doubled), others as typed. */
    public static String name(Ast.Identifier id) {
        return id.quoted() ? "\"" + id.name().replace("\"", "\"\"") + "\"" : id.text();
    }
}
