package io.sluice.pump.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Pump SQL's parser: {@code CREATE [OR REPLACE] STREAM} and {@code CREATE [OR REPLACE] PUMP ... AS INSERT INTO ...
 * SELECT STREAM ...} into an {@link Ast.Program}. Recursive descent in three parts over one {@link TokenCursor}:
 * {@link StatementParser}, {@link ExpressionParser}, {@link TypeParser}. Syntax errors are {@link PumpSqlException}s
 * worded like Trino's ({@code mismatched input 'x'. Expecting: ...}); stateful SQL (GROUP BY, windows, joins,
 * aggregates) is recognised and refused with the reason. Stateless and thread-safe.
 */
public final class Parser {

    private Parser() {
    }

    /** Parses a whole application. */
    public static Ast.Program parse(String sql) {
        return new Ast.Program(new StatementParser(new TokenCursor(sql)).program(), sql);
    }

    /**
     * Parses a column list without {@code CREATE STREAM}, e.g. {@code name VARCHAR(50), age INTEGER} — how the
     * transform's config declares the source stream.
     */
    public static List<Ast.ColumnDef> parseColumns(String text) {
        TokenCursor in = new TokenCursor(text);
        StatementParser statements = new StatementParser(in);
        List<Ast.ColumnDef> columns = new ArrayList<>();
        do {
            columns.add(statements.columnDef());
        } while (in.accept(Token.Type.COMMA));
        in.expect(Token.Type.EOF, "',', <EOF>");
        return columns;
    }

    /** Parses one expression (used by tests and the preview). */
    public static Ast.Expr parseExpression(String text) {
        TokenCursor in = new TokenCursor(text);
        Ast.Expr expr = new ExpressionParser(in, new TypeParser(in)).topLevelExpression();
        in.expect(Token.Type.EOF, "<EOF>");
        return expr;
    }
}
