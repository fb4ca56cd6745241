package io.sluice.pump.compile;

import io.sluice.pump.sql.Ast;
import io.sluice.pump.sql.Position;
import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.util.ArrayList;
import java.util.List;

/** A call being compiled: its arguments compiled in order, with their AST nodes for positions. */
final class FunctionCall {
    final ExpressionCompiler c;
    final Ast.Call ast;
    final List<Typed> args = new ArrayList<>();

    FunctionCall(ExpressionCompiler c, Ast.Call ast) {
        this.c = c;
        this.ast = ast;
        for (Ast.Expr e : ast.arguments()) {
            args.add(e instanceof Ast.Keyword ? null : c.compile(e));
        }
    }

    boolean constant() {
        for (Typed t : args) {
            if (t != null && !t.constant()) {
                return false;
            }
        }
        return true;
    }

    Position at(int i) {
        return ast.arguments().get(i).position();
    }

    RuntimeException error(String reason, int arg, String hint) {
        return c.error(reason, arg < 0 ? ast.position() : at(arg), hint);
    }

    void arity(int min, int max, String usage) {
        int n = args.size();
        if (n < min || n > max) {
            throw c.error(ast.name() + " takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " argument" + (max == 1 ? "" : "s") + ", got " + n, ast.position(), "usage: " + usage);
        }
    }

    Typed arg(int i) {
        return args.get(i);
    }

    String keyword(int i) {
        return ((Ast.Keyword) ast.arguments().get(i)).word();
    }

    boolean isKeyword(int i) {
        return ast.arguments().get(i) instanceof Ast.Keyword;
    }

    Term string(int i) {
        Typed t = args.get(i);
        if (t == null || !t.type().isString() && !t.type().isNull()) {
            throw error(ast.name() + " expects a VARCHAR as argument " + (i + 1) + ", got "
                    + (t == null ? "a keyword" : t.type()), i, "convert it with CAST(... AS VARCHAR(n))");
        }
        return t.term();
    }

    Term integer(int i) {
        Typed t = args.get(i);
        if (t == null || !t.type().isExactInteger() && !t.type().isNull()) {
            throw error(ast.name() + " expects an integer as argument " + (i + 1) + ", got "
                    + (t == null ? "a keyword" : t.type()), i, null);
        }
        return t.term();
    }

    Typed numeric(int i) {
        Typed t = args.get(i);
        if (t == null || !t.type().isNumeric() && !t.type().isNull()) {
            throw error(ast.name() + " expects a number as argument " + (i + 1) + ", got "
                    + (t == null ? "a keyword" : t.type()), i, null);
        }
        return t;
    }

    Term asDouble(int i) {
        return c.convertTerm(numeric(i), SqlType.DOUBLE);
    }

    Term timestamp(int i) {
        Typed t = args.get(i);
        if (t == null || !(t.type().kind() == Kind.TIMESTAMP || t.type().kind() == Kind.DATE)
                && !t.type().isNull()) {
            throw error(ast.name() + " expects a TIMESTAMP as argument " + (i + 1) + ", got "
                    + (t == null ? "a keyword" : t.type()), i, null);
        }
        return t.term();
    }

    String constantString(int i, String what) {
        Typed t = args.get(i);
        string(i);
        if (!t.constant()) {
            return null;
        }
        Object v = t.constantValue();
        if (v == null) {
            throw error(what + " must not be NULL", i, null);
        }
        return (String) v;
    }
}
