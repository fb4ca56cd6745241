package io.sluice.pump.sql;

import java.util.List;
import java.util.Set;

/**
 * The tokens of one SQL text and the parser's place in them, with what every part of the parser needs: looking
 * ahead, taking expected tokens, names, the recursion depth, and errors worded like Trino's ({@code mismatched
 * input 'x'. Expecting: ...}) pointing into the text. Not thread-safe: one per parse.
 */
final class TokenCursor {

    /** Words that cannot be unquoted column names because they would make the grammar ambiguous. */
    static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "AS", "IS", "NULL",
            "TRUE", "FALSE", "UNKNOWN", "IN", "BETWEEN", "LIKE", "SIMILAR", "ESCAPE", "CASE", "WHEN", "THEN", "ELSE",
            "END", "CAST", "INSERT", "INTO", "CREATE", "GROUP", "BY", "ORDER", "HAVING", "WINDOW", "JOIN", "ON",
            "UNION", "OVER", "PARTITION", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "USING",
            "INTERVAL", "DISTINCT", "ALL", "EXCEPT", "INTERSECT", "LIMIT", "VALUES");

    private static final String STATELESS_WHY = " A pump runs as a Kafka Connect transform that sees one record at a"
            + " time and keeps nothing between records, so it can filter, convert and project rows but cannot"
            + " group, window, aggregate, join or look back.";
    private static final String STATEFUL_HINT = "run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka"
            + " Streams); keep the per-record filter and projection in the pump";

    private final String sql;
    private final List<Token> tokens;
    private int index;
    /** How many expression productions are open: the parser's own recursion depth. */
    private int nesting;

    TokenCursor(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token advance() {
        Token t = tokens.get(index);
        if (t.type() != Token.Type.EOF) {
            index++;
        }
        return t;
    }

    boolean at(Token.Type type) {
        return peek().type() == type;
    }

    boolean atWord(String word) {
        return peek().isWord(word);
    }

    boolean accept(Token.Type type) {
        if (at(type)) {
            advance();
            return true;
        }
        return false;
    }

    boolean acceptWord(String word) {
        if (atWord(word)) {
            advance();
            return true;
        }
        return false;
    }

    Token expect(Token.Type type, String expecting) {
        if (!at(type)) {
            throw mismatched(expecting, null);
        }
        return advance();
    }

    Token expectWord(String word) {
        if (!atWord(word)) {
            throw mismatched("'" + word + "'", null);
        }
        return advance();
    }

    PumpSqlException error(String reason, Position at, String hint) {
        return new PumpSqlException(reason, at, hint, sql);
    }

    PumpSqlException mismatched(String expecting, String hint) {
        Token t = peek();
        String reason = t.type() == Token.Type.EOF ? "mismatched input '<EOF>'. Expecting: " + expecting
                : "mismatched input " + t.describe() + ". Expecting: " + expecting;
        if (hint == null) {
            hint = hintFor(t, expecting);
        }
        return error(reason, t.position(), hint);
    }

    static String hintFor(Token t, String expecting) {
        if (t.type() == Token.Type.STRING && expecting.contains("<identifier>")) {
            return "names take double quotes (\"" + t.value() + "\"); single quotes make a string literal";
        }
        if (t.type() == Token.Type.IDENTIFIER && RESERVED.contains(t.value()) && expecting.contains("<identifier>")) {
            return t.value() + " is a reserved word; quote it to use it as a name: \"" + t.text() + "\"";
        }
        return null;
    }

    PumpSqlException stateful(String what, Position at) {
        return error(what + " is not supported in a pump." + STATELESS_WHY, at, STATEFUL_HINT);
    }

    /** A name: quoted, or unquoted and not a reserved word. */
    Ast.Identifier identifier() {
        Token t = peek();
        if (t.type() == Token.Type.QUOTED_IDENTIFIER) {
            advance();
            return new Ast.Identifier(t.value(), true, t.text(), t.position());
        }
        if (t.type() == Token.Type.IDENTIFIER && !RESERVED.contains(t.value())) {
            advance();
            return new Ast.Identifier(t.value(), false, t.text(), t.position());
        }
        throw mismatched("<identifier>", null);
    }

    /** Counts one more level of the parser's recursion; refuses one too many before the stack runs out. */
    void enterNested() {
        if (++nesting > Nesting.MAX_DEPTH) {
            throw error(Nesting.REASON, peek().position(), Nesting.HINT);
        }
    }

    void leaveNested() {
        nesting--;
    }

    /** Steps back over the token just taken, to report it as what was not expected. */
    void backUp() {
        index--;
    }
}
