package io.sluice.pump.sql;

import io.sluice.pump.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of pump SQL: {@code CREATE [OR REPLACE] STREAM} with its columns and {@code CREATE [OR REPLACE]
 * PUMP ... AS INSERT INTO ... SELECT STREAM ... FROM ... WHERE ...}. Refuses the clauses of stateful SQL (joins,
 * GROUP BY, windows) with the reason; leaves expressions to {@link ExpressionParser} and types to
 * {@link TypeParser}. Not thread-safe: one per parse.
 */
final class StatementParser {

    private final TokenCursor in;
    private final TypeParser types;
    private final ExpressionParser expressions;

    StatementParser(TokenCursor in) {
        this.in = in;
        this.types = new TypeParser(in);
        this.expressions = new ExpressionParser(in, types);
    }

    List<Ast.Statement> program() {
        List<Ast.Statement> statements = new ArrayList<>();
        while (true) {
            while (in.accept(Token.Type.SEMICOLON)) {
                // empty statements are allowed
            }
            if (in.at(Token.Type.EOF)) {
                break;
            }
            statements.add(statement());
            if (!in.accept(Token.Type.SEMICOLON) && !in.at(Token.Type.EOF)) {
                throw in.mismatched("';', <EOF>", null);
            }
        }
        if (statements.isEmpty()) {
            throw in.error("no statements: the SQL is empty", new Position(1, 1, 0),
                    "write CREATE OR REPLACE STREAM ... and CREATE OR REPLACE PUMP ... AS INSERT INTO ...");
        }
        return statements;
    }

    private Ast.Statement statement() {
        Token first = in.peek();
        if (first.isWord("SELECT")) {
            throw in.error("a bare SELECT is not a pump", first.position(),
                    "write CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION\" SELECT STREAM ...");
        }
        if (first.isWord("INSERT")) {
            throw in.error("INSERT must be part of a pump", first.position(),
                    "write CREATE OR REPLACE PUMP \"P\" AS INSERT INTO ...");
        }
        in.expect(Token.Type.IDENTIFIER, "'CREATE'");
        if (!first.isWord("CREATE")) {
            in.backUp();
            throw in.mismatched("'CREATE'", null);
        }
        if (in.acceptWord("OR")) {
            in.expectWord("REPLACE");
        }
        if (in.acceptWord("STREAM")) {
            return createStream(first.position());
        }
        if (in.acceptWord("PUMP")) {
            return createPump(first.position());
        }
        if (in.atWord("TABLE") || in.atWord("VIEW")) {
            throw in.error("CREATE " + in.peek().value() + " is not supported in a pump", in.peek().position(),
                    "a pump has streams and pumps only: CREATE OR REPLACE STREAM / CREATE OR REPLACE PUMP");
        }
        throw in.mismatched(in.atWord("REPLACE") ? "'OR'" : "'OR', 'PUMP', 'STREAM'", null);
    }

    private Ast.CreateStream createStream(Position start) {
        Ast.Identifier name = in.identifier();
        in.expect(Token.Type.LPAREN, "'('");
        List<Ast.ColumnDef> columns = new ArrayList<>();
        do {
            columns.add(columnDef());
        } while (in.accept(Token.Type.COMMA));
        in.expect(Token.Type.RPAREN, "')', ','");
        if (in.acceptWord("DESCRIPTION")) {
            in.expect(Token.Type.STRING, "<string>");
        }
        return new Ast.CreateStream(name, columns, start);
    }

    Ast.ColumnDef columnDef() {
        Ast.Identifier name = in.identifier();
        SqlType type = types.type();
        if (in.atWord("NOT") && in.peek(1).isWord("NULL")) {
            in.advance();
            in.advance();
        }
        return new Ast.ColumnDef(name, type, name.position());
    }

    private Ast.CreatePump createPump(Position start) {
        Ast.Identifier name = in.identifier();
        in.expectWord("AS");
        in.expectWord("INSERT");
        in.expectWord("INTO");
        Ast.Identifier target = in.identifier();
        List<Ast.Identifier> columns = null;
        if (in.accept(Token.Type.LPAREN)) {
            columns = new ArrayList<>();
            do {
                columns.add(in.identifier());
            } while (in.accept(Token.Type.COMMA));
            in.expect(Token.Type.RPAREN, "')', ','");
        }
        if (!in.atWord("SELECT")) {
            throw in.mismatched(columns == null ? "'(', 'SELECT'" : "'SELECT'", null);
        }
        return new Ast.CreatePump(name, target, columns, select(), start);
    }

    private Ast.Select select() {
        Position start = in.expectWord("SELECT").position();
        if (!in.atWord("STREAM")) {
            if (in.atWord("DISTINCT")) {
                throw in.stateful("SELECT DISTINCT", in.peek().position());
            }
            throw in.mismatched("'STREAM'", "a pump reads a stream: SELECT STREAM ...");
        }
        in.advance();
        List<Ast.SelectItem> items = new ArrayList<>();
        do {
            Position at = in.peek().position();
            if (in.accept(Token.Type.STAR)) {
                items.add(new Ast.SelectItem(null, null, at));
                continue;
            }
            Ast.Expr expr = expressions.topLevelExpression();
            items.add(new Ast.SelectItem(expr, optionalAlias(), at));
        } while (in.accept(Token.Type.COMMA));
        in.expectWord("FROM");
        if (in.atWord("TABLE")) {
            throw in.stateful("FROM TABLE(...) (HOTSPOTS, RANDOM_CUT_FOREST and other table functions)",
                    in.peek().position());
        }
        if (in.at(Token.Type.LPAREN)) {
            throw in.error("subqueries are not supported in a pump", in.peek().position(),
                    "chain pumps through an intermediate stream instead: source -> \"S1\" -> destination");
        }
        Ast.Identifier from = in.identifier();
        Ast.Identifier alias = optionalAlias();
        rejectStatefulClause();
        Ast.Expr where = null;
        if (in.acceptWord("WHERE")) {
            where = expressions.topLevelExpression();
        }
        rejectStatefulClause();
        return new Ast.Select(items, from, alias, where, start);
    }

    /** {@code [AS] name} after a select item or the FROM stream, or null: a reserved word ends the item instead. */
    private Ast.Identifier optionalAlias() {
        if (in.acceptWord("AS")
                || in.at(Token.Type.QUOTED_IDENTIFIER)
                || in.at(Token.Type.IDENTIFIER) && !TokenCursor.RESERVED.contains(in.peek().value())) {
            return in.identifier();
        }
        return null;
    }

    private void rejectStatefulClause() {
        Token t = in.peek();
        if (t.type() == Token.Type.COMMA || t.isWord("JOIN") || t.isWord("LEFT") || t.isWord("RIGHT")
                || t.isWord("INNER") || t.isWord("FULL") || t.isWord("CROSS") || t.isWord("NATURAL")) {
            throw in.stateful("A join", t.position());
        }
        if (t.isWord("GROUP")) {
            throw in.stateful("GROUP BY", t.position());
        }
        if (t.isWord("WINDOW")) {
            throw in.stateful("WINDOW", t.position());
        }
        if (t.isWord("HAVING")) {
            throw in.stateful("HAVING", t.position());
        }
        if (t.isWord("ORDER")) {
            throw in.stateful("ORDER BY", t.position());
        }
        if (t.isWord("UNION") || t.isWord("EXCEPT") || t.isWord("INTERSECT")) {
            throw in.error(t.value() + " is not supported in a pump", t.position(),
                    "write one pump per SELECT; pumps may insert into the same intermediate stream only in"
                            + " a chain");
        }
    }
}
