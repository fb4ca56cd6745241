package io.sluice.pump.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * How deeply an expression may nest. Parsing, type-checking and evaluating an expression all recurse on its
 * structure, so a WHERE with thousands of nested parentheses would overflow the stack; the parser refuses anything
 * nested more than {@value #MAX_DEPTH} levels instead, with the position. A level is a pair of parentheses, a
 * function call, CASE, CAST, NOT, a sign, or an operator; names and literals add none (long AND and OR chains are
 * parsed as balanced trees, so they stay shallow). {@value #MAX_DEPTH} levels parse, compile and run within
 * 512 KiB of stack, half a thread's default on 64-bit Linux.
 */
final class Nesting {

    static final int MAX_DEPTH = 100;
    static final String REASON = "expression nested too deeply: more than " + MAX_DEPTH + " levels";
    static final String HINT = "flatten it (drop redundant parentheses, split long chains of operators), or compute"
            + " part of it in one pump into an intermediate stream and the rest in another";

    private Nesting() {
    }

    /** The first node found deeper than {@link #MAX_DEPTH} below {@code root}, or null. Walks without recursion. */
    static Ast.Expr tooDeep(Ast.Expr root) {
        Deque<Ast.Expr> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Ast.Expr node = nodes.pop();
            int depth = depths.pop();
            List<Ast.Expr> children = children(node);
            if (!children.isEmpty() && depth > MAX_DEPTH) {
                return node;
            }
            for (Ast.Expr child : children) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return null;
    }

    private static List<Ast.Expr> children(Ast.Expr e) {
        List<Ast.Expr> out = new ArrayList<>();
        if (e instanceof Ast.Unary u) {
            out.add(u.operand());
        } else if (e instanceof Ast.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (e instanceof Ast.IsNull n) {
            out.add(n.operand());
        } else if (e instanceof Ast.IsTruth t) {
            out.add(t.operand());
        } else if (e instanceof Ast.Between b) {
            out.addAll(List.of(b.value(), b.low(), b.high()));
        } else if (e instanceof Ast.InList in) {
            out.add(in.value());
            out.addAll(in.list());
        } else if (e instanceof Ast.Like l) {
            out.add(l.value());
            out.add(l.pattern());
            if (l.escape() != null) {
                out.add(l.escape());
            }
        } else if (e instanceof Ast.Case c) {
            if (c.operand() != null) {
                out.add(c.operand());
            }
            for (Ast.When w : c.whens()) {
                out.add(w.condition());
                out.add(w.result());
            }
            if (c.otherwise() != null) {
                out.add(c.otherwise());
            }
        } else if (e instanceof Ast.Cast c) {
            out.add(c.operand());
        } else if (e instanceof Ast.Call c) {
            out.addAll(c.arguments());
        }
        return out;
    }
}
