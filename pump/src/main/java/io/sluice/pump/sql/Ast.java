package io.sluice.pump.sql;

import io.sluice.pump.type.SqlType;
import java.util.List;

/**
 * The immutable syntax tree of pump SQL. Every node carries the {@link Position} of its first token so that
 * later phases (type checking, compilation) can report errors at the right place. Names are already resolved
 * lexically: unquoted identifiers upper-cased, quoted ones as written.
 */
public final class Ast {

    private Ast() {
    }

    /** A whole application: statements in source order, with the text they came from. */
    public record Program(List<Statement> statements, String sql) {
        public Program {
            statements = List.copyOf(statements);
        }
    }

    /** A top-level statement. */
    public sealed interface Statement permits CreateStream, CreatePump {
        Position position();
    }

    /** A name as written: {@code name} is what lookups use, {@code quoted} tells how it was spelled. */
    public record Identifier(String name, boolean quoted, String text, Position position) {
    }

    /** {@code CREATE [OR REPLACE] STREAM name (columns)}. */
    public record CreateStream(Identifier name, List<ColumnDef> columns, Position position) implements Statement {
        public CreateStream {
            columns = List.copyOf(columns);
        }
    }

    /** One column of a stream. */
    public record ColumnDef(Identifier name, SqlType type, Position position) {
    }

    /** {@code CREATE [OR REPLACE] PUMP name AS INSERT INTO target [(columns)] select}. */
    public record CreatePump(Identifier name, Identifier target, List<Identifier> columns, Select select,
                             Position position) implements Statement {
        public CreatePump {
            columns = columns == null ? null : List.copyOf(columns);
        }
    }

    /** {@code SELECT STREAM items FROM source [alias] [WHERE condition]}. */
    public record Select(List<SelectItem> items, Identifier from, Identifier alias, Expr where, Position position) {
        public Select {
            items = List.copyOf(items);
        }
    }

    /** A select-list entry: an expression with an optional alias, or {@code *} when {@code expr} is null. */
    public record SelectItem(Expr expr, Identifier alias, Position position) {
        public boolean isStar() {
            return expr == null;
        }
    }

    /** Expressions. */
    public sealed interface Expr permits Literal, ColumnRef, Unary, Binary, IsNull, IsTruth, Between, InList,
            Like, Case, Cast, Call, Keyword {
        Position position();
    }

    /** A literal; {@code value} is already in the run-time representation of {@code type} (null for NULL). */
    public record Literal(SqlType type, Object value, String text, Position position) implements Expr {
    }

    /** A column reference, optionally qualified by a stream name or alias. */
    public record ColumnRef(Identifier qualifier, Identifier column, Position position) implements Expr {
    }

    /** {@code -x}, {@code +x}, {@code NOT x}. */
    public record Unary(String operator, Expr operand, Position position) implements Expr {
    }

    /** Arithmetic ({@code + - * /}), {@code ||}, comparisons ({@code = <> < <= > >=}), {@code AND}, {@code OR}. */
    public record Binary(String operator, Expr left, Expr right, Position position) implements Expr {
    }

    /** {@code x IS [NOT] NULL}. */
    public record IsNull(Expr operand, boolean negated, Position position) implements Expr {
    }

    /** {@code x IS [NOT] TRUE | FALSE | UNKNOWN}; {@code truth} null means UNKNOWN. */
    public record IsTruth(Expr operand, Boolean truth, boolean negated, Position position) implements Expr {
    }

    /** {@code x [NOT] BETWEEN low AND high}. */
    public record Between(Expr value, Expr low, Expr high, boolean negated, Position position) implements Expr {
    }

    /** {@code x [NOT] IN (a, b, ...)}. */
    public record InList(Expr value, List<Expr> list, boolean negated, Position position) implements Expr {
        public InList {
            list = List.copyOf(list);
        }
    }

    /** {@code x [NOT] LIKE p [ESCAPE e]} or, when {@code similar}, {@code x [NOT] SIMILAR TO p [ESCAPE e]}. */
    public record Like(Expr value, Expr pattern, Expr escape, boolean negated, boolean similar, Position position)
            implements Expr {
    }

    /** {@code CASE [operand] WHEN .. THEN .. [ELSE ..] END}; {@code operand} null for a searched CASE. */
    public record Case(Expr operand, List<When> whens, Expr otherwise, Position position) implements Expr {
        public Case {
            whens = List.copyOf(whens);
        }
    }

    /** One {@code WHEN condition THEN result} arm. */
    public record When(Expr condition, Expr result) {
    }

    /** {@code CAST(x AS type)}. */
    public record Cast(Expr operand, SqlType target, Position position) implements Expr {
    }

    /**
     * A function call. Special syntax is normalised to plain arguments: {@code SUBSTRING(s FROM a FOR b)} →
     * {@code SUBSTRING(s, a, b)}, {@code POSITION(a IN b)} → {@code POSITION(a, b)}, {@code OVERLAY(s PLACING r
     * FROM a FOR b)} → {@code OVERLAY(s, r, a, b)}; keyword arguments ({@code EXTRACT(HOUR FROM ts)},
     * {@code TRIM(LEADING 'x' FROM s)}, {@code FLOOR(ts TO HOUR)}) are {@link Keyword}s.
     */
    public record Call(String name, List<Expr> arguments, Position position) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** A keyword used as a function argument: a time unit or a TRIM mode. */
    public record Keyword(String word, Position position) implements Expr {
    }
}
