package io.sluice.pump.sql;

import io.sluice.pump.type.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for pump SQL: {@code CREATE [OR REPLACE] STREAM} and {@code CREATE [OR REPLACE]
 * PUMP ... AS INSERT INTO ... SELECT STREAM ...}. Produces an {@link Ast.Program}; syntax errors are
 * {@link PumpSqlException}s worded like Trino's ({@code mismatched input 'x'. Expecting: ...}). Stateful SQL
 * (GROUP BY, windows, joins, aggregates) is recognised and rejected here with the reason, and so are expressions
 * nested deeper than {@link Nesting} allows, before the recursion on them can overflow the stack.
 */
public final class Parser {

    /** Words that cannot be unquoted column names because they would make the grammar ambiguous. */
    static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "AS", "IS", "NULL",
            "TRUE", "FALSE", "UNKNOWN", "IN", "BETWEEN", "LIKE", "SIMILAR", "ESCAPE", "CASE", "WHEN", "THEN", "ELSE",
            "END", "CAST", "INSERT", "INTO", "CREATE", "GROUP", "BY", "ORDER", "HAVING", "WINDOW", "JOIN", "ON",
            "UNION", "OVER", "PARTITION", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "USING",
            "INTERVAL", "DISTINCT", "ALL", "EXCEPT", "INTERSECT", "LIMIT", "VALUES");

    /** Functions that need state across records, and why each cannot run in a per-record transform. */
    static final Map<String, String> STATEFUL_FUNCTIONS = Map.ofEntries(
            Map.entry("COUNT", "an aggregate"), Map.entry("SUM", "an aggregate"), Map.entry("AVG", "an aggregate"),
            Map.entry("MIN", "an aggregate"), Map.entry("MAX", "an aggregate"),
            Map.entry("STDDEV_POP", "an aggregate"), Map.entry("STDDEV_SAMP", "an aggregate"),
            Map.entry("VAR_POP", "an aggregate"), Map.entry("VAR_SAMP", "an aggregate"),
            Map.entry("FIRST_VALUE", "an aggregate"), Map.entry("LAST_VALUE", "an aggregate"),
            Map.entry("NTH_VALUE", "an aggregate"), Map.entry("EXP_AVG", "an aggregate"),
            Map.entry("LAG", "an analytic function over earlier rows"),
            Map.entry("MONOTONIC", "a function over earlier rows"),
            Map.entry("HOTSPOTS", "a machine-learning function over a window of rows"),
            Map.entry("RANDOM_CUT_FOREST", "a machine-learning function over a window of rows"),
            Map.entry("RANDOM_CUT_FOREST_WITH_EXPLANATION", "a machine-learning function over a window of rows"),
            Map.entry("TOP_K_ITEMS_TUMBLING", "an aggregate over a window of rows"),
            Map.entry("COUNT_DISTINCT_ITEMS_TUMBLING", "an aggregate over a window of rows"));

    private static final String STATELESS_WHY = " A pump runs as a Kafka Connect transform that sees one record at a"
            + " time and keeps nothing between records, so it can filter, convert and project rows but cannot"
            + " group, window, aggregate, join or look back.";
    private static final String STATEFUL_HINT = "run stateful SQL in a stream processor (ksqlDB, Flink SQL, Kafka"
            + " Streams); keep the per-record filter and projection in the pump";

    private static final List<String> TYPE_NAMES = List.of("VARCHAR(n)", "CHAR(n)", "INTEGER", "BIGINT",
            "SMALLINT", "TINYINT", "DOUBLE", "REAL", "DECIMAL(p,s)", "BOOLEAN", "DATE", "TIME", "TIMESTAMP",
            "VARBINARY(n)");

    private final String sql;
    private final List<Token> tokens;
    private int index;
    /** How many expression productions are open: the parser's own recursion depth. */
    private int nesting;

    private Parser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    /** Parses a whole application. */
    public static Ast.Program parse(String sql) {
        Parser parser = new Parser(sql);
        return new Ast.Program(parser.program(), sql);
    }

    /**
     * Parses a column list without {@code CREATE STREAM}, e.g. {@code name VARCHAR(50), age INTEGER} — how the
     * transform's config declares the source stream.
     */
    public static List<Ast.ColumnDef> parseColumns(String text) {
        Parser parser = new Parser(text);
        List<Ast.ColumnDef> columns = new ArrayList<>();
        do {
            columns.add(parser.columnDef());
        } while (parser.accept(Token.Type.COMMA));
        parser.expect(Token.Type.EOF, "',', <EOF>");
        return columns;
    }

    /** Parses one expression (used by tests and the preview). */
    public static Ast.Expr parseExpression(String text) {
        Parser parser = new Parser(text);
        Ast.Expr expr = parser.topLevelExpression();
        parser.expect(Token.Type.EOF, "<EOF>");
        return expr;
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(index);
        if (t.type() != Token.Type.EOF) {
            index++;
        }
        return t;
    }

    private boolean at(Token.Type type) {
        return peek().type() == type;
    }

    private boolean atWord(String word) {
        return peek().isWord(word);
    }

    private boolean accept(Token.Type type) {
        if (at(type)) {
            advance();
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (atWord(word)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(Token.Type type, String expecting) {
        if (!at(type)) {
            throw mismatched(expecting, null);
        }
        return advance();
    }

    private Token expectWord(String word) {
        if (!atWord(word)) {
            throw mismatched("'" + word + "'", null);
        }
        return advance();
    }

    PumpSqlException error(String reason, Position at, String hint) {
        return new PumpSqlException(reason, at, hint, sql);
    }

    private PumpSqlException mismatched(String expecting, String hint) {
        Token t = peek();
        String reason = t.type() == Token.Type.EOF ? "mismatched input '<EOF>'. Expecting: " + expecting
                : "mismatched input " + t.describe() + ". Expecting: " + expecting;
        if (hint == null) {
            hint = hintFor(t, expecting);
        }
        return error(reason, t.position(), hint);
    }

    private static String hintFor(Token t, String expecting) {
        if (t.type() == Token.Type.STRING && expecting.contains("<identifier>")) {
            return "names take double quotes (\"" + t.value() + "\"); single quotes make a string literal";
        }
        if (t.type() == Token.Type.IDENTIFIER && RESERVED.contains(t.value()) && expecting.contains("<identifier>")) {
            return t.value() + " is a reserved word; quote it to use it as a name: \"" + t.text() + "\"";
        }
        return null;
    }

    private PumpSqlException stateful(String what, Position at) {
        return error(what + " is not supported in a pump." + STATELESS_WHY, at, STATEFUL_HINT);
    }

    // ---- statements

    private List<Ast.Statement> program() {
        List<Ast.Statement> statements = new ArrayList<>();
        while (true) {
            while (accept(Token.Type.SEMICOLON)) {
                // empty statements are allowed
            }
            if (at(Token.Type.EOF)) {
                break;
            }
            statements.add(statement());
            if (!accept(Token.Type.SEMICOLON) && !at(Token.Type.EOF)) {
                throw mismatched("';', <EOF>", null);
            }
        }
        if (statements.isEmpty()) {
            throw error("no statements: the SQL is empty", new Position(1, 1, 0),
                    "write CREATE OR REPLACE STREAM ... and CREATE OR REPLACE PUMP ... AS INSERT INTO ...");
        }
        return statements;
    }

    private Ast.Statement statement() {
        Token first = peek();
        if (first.isWord("SELECT")) {
            throw error("a bare SELECT is not a pump", first.position(),
                    "write CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION\" SELECT STREAM ...");
        }
        if (first.isWord("INSERT")) {
            throw error("INSERT must be part of a pump", first.position(),
                    "write CREATE OR REPLACE PUMP \"P\" AS INSERT INTO ...");
        }
        expect(Token.Type.IDENTIFIER, "'CREATE'");
        if (!first.isWord("CREATE")) {
            index--;
            throw mismatched("'CREATE'", null);
        }
        if (acceptWord("OR")) {
            expectWord("REPLACE");
        }
        if (acceptWord("STREAM")) {
            return createStream(first.position());
        }
        if (acceptWord("PUMP")) {
            return createPump(first.position());
        }
        if (atWord("TABLE") || atWord("VIEW")) {
            throw error("CREATE " + peek().value() + " is not supported in a pump", peek().position(),
                    "a pump has streams and pumps only: CREATE OR REPLACE STREAM / CREATE OR REPLACE PUMP");
        }
        throw mismatched(atWord("REPLACE") ? "'OR'" : "'OR', 'PUMP', 'STREAM'", null);
    }

    private Ast.CreateStream createStream(Position start) {
        Ast.Identifier name = identifier();
        expect(Token.Type.LPAREN, "'('");
        List<Ast.ColumnDef> columns = new ArrayList<>();
        do {
            columns.add(columnDef());
        } while (accept(Token.Type.COMMA));
        expect(Token.Type.RPAREN, "')', ','");
        if (acceptWord("DESCRIPTION")) {
            expect(Token.Type.STRING, "<string>");
        }
        return new Ast.CreateStream(name, columns, start);
    }

    private Ast.ColumnDef columnDef() {
        Ast.Identifier name = identifier();
        SqlType type = type();
        if (atWord("NOT") && peek(1).isWord("NULL")) {
            advance();
            advance();
        }
        return new Ast.ColumnDef(name, type, name.position());
    }

    private Ast.CreatePump createPump(Position start) {
        Ast.Identifier name = identifier();
        expectWord("AS");
        expectWord("INSERT");
        expectWord("INTO");
        Ast.Identifier target = identifier();
        List<Ast.Identifier> columns = null;
        if (accept(Token.Type.LPAREN)) {
            columns = new ArrayList<>();
            do {
                columns.add(identifier());
            } while (accept(Token.Type.COMMA));
            expect(Token.Type.RPAREN, "')', ','");
        }
        if (!atWord("SELECT")) {
            throw mismatched(columns == null ? "'(', 'SELECT'" : "'SELECT'", null);
        }
        return new Ast.CreatePump(name, target, columns, select(), start);
    }

    private Ast.Select select() {
        Position start = expectWord("SELECT").position();
        if (!atWord("STREAM")) {
            if (atWord("DISTINCT")) {
                throw stateful("SELECT DISTINCT", peek().position());
            }
            throw mismatched("'STREAM'", "a pump reads a stream: SELECT STREAM ...");
        }
        advance();
        List<Ast.SelectItem> items = new ArrayList<>();
        do {
            Position at = peek().position();
            if (accept(Token.Type.STAR)) {
                items.add(new Ast.SelectItem(null, null, at));
                continue;
            }
            Ast.Expr expr = topLevelExpression();
            Ast.Identifier alias = null;
            if (acceptWord("AS")) {
                alias = identifier();
            } else if (at(Token.Type.QUOTED_IDENTIFIER)
                    || (at(Token.Type.IDENTIFIER) && !RESERVED.contains(peek().value()))) {
                alias = identifier();
            }
            items.add(new Ast.SelectItem(expr, alias, at));
        } while (accept(Token.Type.COMMA));
        expectWord("FROM");
        if (atWord("TABLE")) {
            throw stateful("FROM TABLE(...) (HOTSPOTS, RANDOM_CUT_FOREST and other table functions)",
                    peek().position());
        }
        if (at(Token.Type.LPAREN)) {
            throw error("subqueries are not supported in a pump", peek().position(),
                    "chain pumps through an intermediate stream instead: source -> \"S1\" -> destination");
        }
        Ast.Identifier from = identifier();
        Ast.Identifier alias = null;
        if (acceptWord("AS")) {
            alias = identifier();
        } else if (at(Token.Type.QUOTED_IDENTIFIER)
                || (at(Token.Type.IDENTIFIER) && !RESERVED.contains(peek().value()))) {
            alias = identifier();
        }
        rejectStatefulClause();
        Ast.Expr where = null;
        if (acceptWord("WHERE")) {
            where = topLevelExpression();
        }
        rejectStatefulClause();
        return new Ast.Select(items, from, alias, where, start);
    }

    private void rejectStatefulClause() {
        Token t = peek();
        if (t.type() == Token.Type.COMMA || t.isWord("JOIN") || t.isWord("LEFT") || t.isWord("RIGHT")
                || t.isWord("INNER") || t.isWord("FULL") || t.isWord("CROSS") || t.isWord("NATURAL")) {
            throw stateful("A join", t.position());
        }
        if (t.isWord("GROUP")) {
            throw stateful("GROUP BY", t.position());
        }
        if (t.isWord("WINDOW")) {
            throw stateful("WINDOW", t.position());
        }
        if (t.isWord("HAVING")) {
            throw stateful("HAVING", t.position());
        }
        if (t.isWord("ORDER")) {
            throw stateful("ORDER BY", t.position());
        }
        if (t.isWord("UNION") || t.isWord("EXCEPT") || t.isWord("INTERSECT")) {
            throw error(t.value() + " is not supported in a pump", t.position(),
                    "write one pump per SELECT; pumps may insert into the same intermediate stream only in"
                            + " a chain");
        }
    }

    private Ast.Identifier identifier() {
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

    // ---- types

    SqlType type() {
        Token t = peek();
        if (t.type() != Token.Type.IDENTIFIER) {
            throw mismatched("<type>", "types: " + String.join(", ", TYPE_NAMES));
        }
        advance();
        switch (t.value()) {
            case "VARCHAR":
                return SqlType.varchar(optionalLength(SqlType.MAX_VARCHAR));
            case "CHARACTER":
            case "CHAR":
                if (acceptWord("VARYING")) {
                    return SqlType.varchar(optionalLength(SqlType.MAX_VARCHAR));
                }
                return SqlType.character(optionalLength(1));
            case "INTEGER":
            case "INT":
                return SqlType.INTEGER;
            case "BIGINT":
                return SqlType.BIGINT;
            case "SMALLINT":
                return SqlType.SMALLINT;
            case "TINYINT":
                return SqlType.TINYINT;
            case "DOUBLE":
                acceptWord("PRECISION");
                return SqlType.DOUBLE;
            case "FLOAT":
                return SqlType.DOUBLE;
            case "REAL":
                return SqlType.REAL;
            case "DECIMAL":
            case "DEC":
            case "NUMERIC":
                return decimalType();
            case "BOOLEAN":
                return SqlType.BOOLEAN;
            case "DATE":
                return SqlType.DATE;
            case "TIME":
                return SqlType.TIME;
            case "TIMESTAMP":
                return SqlType.TIMESTAMP;
            case "VARBINARY":
            case "BINARY":
                return SqlType.varbinary(optionalLength(SqlType.MAX_VARCHAR));
            default:
                index--;
                throw mismatched("<type>", typeHint(t.value()));
        }
    }

    private static String typeHint(String word) {
        switch (word) {
            case "STRING":
            case "TEXT":
                return "use VARCHAR(n) for text";
            case "LONG":
                return "use BIGINT for 64-bit integers";
            case "BOOL":
                return "use BOOLEAN";
            case "DATETIME":
                return "use TIMESTAMP";
            default:
                return "types: " + String.join(", ", TYPE_NAMES);
        }
    }

    private int optionalLength(int dflt) {
        if (!accept(Token.Type.LPAREN)) {
            return dflt;
        }
        Token n = expect(Token.Type.INTEGER, "<integer>");
        int length = smallInt(n);
        if (length < 1 || length > SqlType.MAX_VARCHAR) {
            throw error("length " + n.text() + " is out of range: it must be between 1 and " + SqlType.MAX_VARCHAR,
                    n.position(), null);
        }
        expect(Token.Type.RPAREN, "')'");
        return length;
    }

    private int smallInt(Token n) {
        try {
            return Integer.parseInt(n.text());
        } catch (NumberFormatException e) {
            throw error("number " + n.text() + " is too large", n.position(), null);
        }
    }

    private SqlType decimalType() {
        int precision = SqlType.MAX_DECIMAL_PRECISION;
        int scale = 0;
        if (accept(Token.Type.LPAREN)) {
            Token p = expect(Token.Type.INTEGER, "<integer>");
            precision = smallInt(p);
            if (precision < 1 || precision > SqlType.MAX_DECIMAL_PRECISION) {
                throw error("DECIMAL precision " + p.text() + " is out of range: it must be between 1 and "
                        + SqlType.MAX_DECIMAL_PRECISION, p.position(), null);
            }
            if (accept(Token.Type.COMMA)) {
                Token s = expect(Token.Type.INTEGER, "<integer>");
                scale = smallInt(s);
                if (scale > precision) {
                    throw error("DECIMAL scale " + s.text() + " is larger than its precision " + precision,
                            s.position(), null);
                }
            }
            expect(Token.Type.RPAREN, "')', ','");
        }
        return SqlType.decimal(precision, scale);
    }

    // ---- expressions

    /** A whole expression (a select item, a WHERE), refused when it nests deeper than {@link Nesting}. */
    private Ast.Expr topLevelExpression() {
        Ast.Expr expr = expression();
        Ast.Expr tooDeep = Nesting.tooDeep(expr);
        if (tooDeep != null) {
            throw error(Nesting.REASON, tooDeep.position(), Nesting.HINT);
        }
        return expr;
    }

    private Ast.Expr expression() {
        enterNested();
        Ast.Expr expr = or();
        nesting--;
        return expr;
    }

    /** Counts one more level of the parser's recursion; refuses one too many before the stack runs out. */
    private void enterNested() {
        if (++nesting > Nesting.MAX_DEPTH) {
            throw error(Nesting.REASON, peek().position(), Nesting.HINT);
        }
    }

    private Ast.Expr or() {
        List<Ast.Expr> operands = new ArrayList<>(List.of(and()));
        List<Position> operators = new ArrayList<>();
        while (atWord("OR")) {
            operators.add(advance().position());
            operands.add(and());
        }
        return balanced("OR", operands, operators, 0, operands.size());
    }

    private Ast.Expr and() {
        List<Ast.Expr> operands = new ArrayList<>(List.of(not()));
        List<Position> operators = new ArrayList<>();
        while (atWord("AND")) {
            operators.add(advance().position());
            operands.add(not());
        }
        return balanced("AND", operands, operators, 0, operands.size());
    }

    /**
     * {@code operands[from..to)} joined by AND or OR as a balanced tree: generated SQL can chain hundreds of
     * conditions, and a left-deep chain would nest as deep as it is long. Three-valued AND and OR are associative,
     * and a balanced tree still evaluates its operands left to right, stopping at the same one, so only the depth
     * changes.
     */
    private static Ast.Expr balanced(String operator, List<Ast.Expr> operands, List<Position> at, int from, int to) {
        if (to - from == 1) {
            return operands.get(from);
        }
        int middle = (from + to + 1) / 2;
        return new Ast.Binary(operator, balanced(operator, operands, at, from, middle),
                balanced(operator, operands, at, middle, to), at.get(middle - 1));
    }

    private Ast.Expr not() {
        if (atWord("NOT")) {
            Position at = advance().position();
            enterNested();
            Ast.Expr operand = not();
            nesting--;
            return new Ast.Unary("NOT", operand, at);
        }
        return predicate();
    }

    private Ast.Expr predicate() {
        Ast.Expr left = additive();
        while (true) {
            Token t = peek();
            switch (t.type()) {
                case EQ:
                case NE:
                case LT:
                case LE:
                case GT:
                case GE:
                    advance();
                    left = new Ast.Binary(t.type() == Token.Type.NE ? "<>" : t.text(), left, additive(),
                            t.position());
                    continue;
                default:
                    break;
            }
            if (t.isWord("IS")) {
                advance();
                boolean negated = acceptWord("NOT");
                if (acceptWord("NULL")) {
                    left = new Ast.IsNull(left, negated, t.position());
                } else if (acceptWord("TRUE")) {
                    left = new Ast.IsTruth(left, Boolean.TRUE, negated, t.position());
                } else if (acceptWord("FALSE")) {
                    left = new Ast.IsTruth(left, Boolean.FALSE, negated, t.position());
                } else if (acceptWord("UNKNOWN")) {
                    left = new Ast.IsTruth(left, null, negated, t.position());
                } else {
                    throw mismatched(negated ? "'FALSE', 'NULL', 'TRUE', 'UNKNOWN'"
                            : "'FALSE', 'NOT', 'NULL', 'TRUE', 'UNKNOWN'", null);
                }
                continue;
            }
            boolean negated = false;
            if (t.isWord("NOT") && (peek(1).isWord("BETWEEN") || peek(1).isWord("IN") || peek(1).isWord("LIKE")
                    || peek(1).isWord("SIMILAR"))) {
                advance();
                negated = true;
            }
            Token op = peek();
            if (op.isWord("BETWEEN")) {
                advance();
                if (!acceptWord("ASYMMETRIC") && atWord("SYMMETRIC")) {
                    throw error("BETWEEN SYMMETRIC is not supported", peek().position(),
                            "order the bounds: x BETWEEN low AND high");
                }
                Ast.Expr low = additive();
                expectWord("AND");
                Ast.Expr high = additive();
                left = new Ast.Between(left, low, high, negated, t.position());
            } else if (op.isWord("IN")) {
                advance();
                if (!at(Token.Type.LPAREN)) {
                    throw mismatched("'('", null);
                }
                advance();
                if (atWord("SELECT")) {
                    throw error("subqueries are not supported in a pump", peek().position(),
                            "list the values: x IN ('a', 'b')");
                }
                List<Ast.Expr> list = new ArrayList<>();
                do {
                    list.add(expression());
                } while (accept(Token.Type.COMMA));
                expect(Token.Type.RPAREN, "')', ','");
                left = new Ast.InList(left, list, negated, t.position());
            } else if (op.isWord("LIKE") || op.isWord("SIMILAR")) {
                advance();
                boolean similar = op.isWord("SIMILAR");
                if (similar) {
                    expectWord("TO");
                }
                Ast.Expr pattern = additive();
                Ast.Expr escape = null;
                if (acceptWord("ESCAPE")) {
                    escape = additive();
                }
                left = new Ast.Like(left, pattern, escape, negated, similar, t.position());
            } else if (negated) {
                throw mismatched("'BETWEEN', 'IN', 'LIKE', 'SIMILAR'", null);
            } else {
                return left;
            }
        }
    }

    private Ast.Expr additive() {
        Ast.Expr left = multiplicative();
        while (at(Token.Type.PLUS) || at(Token.Type.MINUS)) {
            Token op = advance();
            left = new Ast.Binary(op.text(), left, multiplicative(), op.position());
        }
        return left;
    }

    private Ast.Expr multiplicative() {
        Ast.Expr left = unary();
        while (at(Token.Type.STAR) || at(Token.Type.SLASH) || at(Token.Type.CONCAT)) {
            Token op = advance();
            left = new Ast.Binary(op.text(), left, unary(), op.position());
        }
        return left;
    }

    private Ast.Expr unary() {
        if (at(Token.Type.MINUS) || at(Token.Type.PLUS)) {
            Token op = advance();
            enterNested();
            Ast.Expr operand = unary();
            nesting--;
            if (op.type() == Token.Type.MINUS && operand instanceof Ast.Literal
                    && ((Ast.Literal) operand).type().isNumeric() && ((Ast.Literal) operand).value() != null) {
                // Fold the sign into numeric literals, so -9223372036854775808 is a BIGINT.
                Ast.Literal lit = (Ast.Literal) operand;
                String text = "-" + lit.text();
                Object v = lit.value();
                if (v instanceof Long) {
                    return integerLiteral(BigDecimal.valueOf((Long) v).negate(), text, op.position());
                }
                if (v instanceof BigDecimal && lit.type().scale() == 0 && lit.text().matches("[0-9]+")) {
                    return integerLiteral(((BigDecimal) v).negate(), text, op.position());
                }
                if (v instanceof BigDecimal) {
                    return new Ast.Literal(lit.type(), ((BigDecimal) v).negate(), text, op.position());
                }
                return new Ast.Literal(lit.type(), -((Double) v), text, op.position());
            }
            return new Ast.Unary(op.text(), operand, op.position());
        }
        return primary();
    }

    private Ast.Literal integerLiteral(BigDecimal value, String text, Position at) {
        if (value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
                || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            // Too large for BIGINT: an exact DECIMAL if it fits, else an error.
            if (value.precision() > SqlType.MAX_DECIMAL_PRECISION) {
                throw error("number " + text + " is out of range", at,
                        "the largest exact number has " + SqlType.MAX_DECIMAL_PRECISION + " digits");
            }
            return new Ast.Literal(SqlType.decimal(value.precision(), 0), value, text, at);
        }
        long v = value.longValueExact();
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return new Ast.Literal(SqlType.INTEGER, v, text, at);
        }
        return new Ast.Literal(SqlType.BIGINT, v, text, at);
    }

    private Ast.Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case INTEGER:
                advance();
                return integerLiteral(new BigDecimal(t.text()), t.text(), t.position());
            case DECIMAL: {
                advance();
                BigDecimal v = new BigDecimal(t.text());
                int precision = Math.max(v.precision(), v.scale());
                if (precision > SqlType.MAX_DECIMAL_PRECISION) {
                    return new Ast.Literal(SqlType.DOUBLE, v.doubleValue(), t.text(), t.position());
                }
                return new Ast.Literal(SqlType.decimal(precision, v.scale()), v, t.text(), t.position());
            }
            case APPROXIMATE:
                advance();
                return new Ast.Literal(SqlType.DOUBLE, Double.parseDouble(t.text()), t.text(), t.position());
            case STRING:
                advance();
                return stringLiteral(t);
            case BINARY_STRING:
                advance();
                return new Ast.Literal(SqlType.varbinary(Math.max(1, t.value().length() / 2)), hex(t.value()),
                        t.text(), t.position());
            case LPAREN: {
                advance();
                if (atWord("SELECT")) {
                    throw error("subqueries are not supported in a pump", peek().position(), null);
                }
                Ast.Expr inner = expression();
                expect(Token.Type.RPAREN, "')'");
                return inner;
            }
            case QUOTED_IDENTIFIER:
                return columnOrCall();
            case IDENTIFIER:
                return word(t);
            default:
                throw mismatched("<expression>", t.type() == Token.Type.EOF ? null
                        : t.type() == Token.Type.STAR ? "* is allowed only as a whole select item" : null);
        }
    }

    private Ast.Literal stringLiteral(Token t) {
        // Adjacent literals concatenate, as in standard SQL ('a' 'b' = 'ab').
        StringBuilder value = new StringBuilder(t.value());
        StringBuilder text = new StringBuilder(t.text());
        while (at(Token.Type.STRING)) {
            Token next = advance();
            value.append(next.value());
            text.append(' ').append(next.text());
        }
        return new Ast.Literal(SqlType.varchar(Math.max(1, value.length())), value.toString(), text.toString(),
                t.position());
    }

    private static byte[] hex(String digits) {
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private Ast.Expr word(Token t) {
        switch (t.value()) {
            case "NULL":
                advance();
                return new Ast.Literal(SqlType.NULL, null, t.text(), t.position());
            case "TRUE":
                advance();
                return new Ast.Literal(SqlType.BOOLEAN, Boolean.TRUE, t.text(), t.position());
            case "FALSE":
                advance();
                return new Ast.Literal(SqlType.BOOLEAN, Boolean.FALSE, t.text(), t.position());
            case "UNKNOWN":
                advance();
                return new Ast.Literal(SqlType.BOOLEAN, null, t.text(), t.position());
            case "CASE":
                return caseExpr();
            case "CAST":
                return cast();
            case "INTERVAL":
                return interval();
            case "TIMESTAMP":
            case "DATE":
            case "TIME":
                if (peek(1).type() == Token.Type.STRING) {
                    return datetimeLiteral();
                }
                break;
            case "CURRENT_TIMESTAMP":
            case "CURRENT_ROW_TIMESTAMP":
            case "LOCALTIMESTAMP":
            case "CURRENT_DATE":
            case "CURRENT_TIME":
            case "LOCALTIME":
                if (peek(1).type() != Token.Type.LPAREN) {
                    advance();
                    return new Ast.Call(t.value(), List.of(), t.position());
                }
                break;
            case "EXTRACT":
                if (peek(1).type() == Token.Type.LPAREN) {
                    return extract();
                }
                break;
            case "SUBSTRING":
            case "POSITION":
            case "OVERLAY":
            case "TRIM":
            case "FLOOR":
            case "CEIL":
            case "CEILING":
            case "STEP":
                if (peek(1).type() == Token.Type.LPAREN) {
                    return specialCall(t);
                }
                break;
            default:
                break;
        }
        if (RESERVED.contains(t.value())) {
            throw mismatched("<expression>", hintFor(t, "<identifier>"));
        }
        return columnOrCall();
    }

    private Ast.Expr columnOrCall() {
        Ast.Identifier first = identifier();
        if (at(Token.Type.LPAREN) && !first.quoted()) {
            return call(first);
        }
        if (accept(Token.Type.DOT)) {
            Ast.Identifier column = identifier();
            return new Ast.ColumnRef(first, column, first.position());
        }
        return new Ast.ColumnRef(null, first, first.position());
    }

    private Ast.Expr call(Ast.Identifier name) {
        String why = STATEFUL_FUNCTIONS.get(name.name());
        if (why != null) {
            throw stateful(name.name() + " (" + why + ")", name.position());
        }
        expect(Token.Type.LPAREN, "'('");
        List<Ast.Expr> args = new ArrayList<>();
        if (!at(Token.Type.RPAREN)) {
            if (atWord("DISTINCT")) {
                throw stateful("DISTINCT in a function call", peek().position());
            }
            do {
                if (at(Token.Type.STAR)) {
                    throw mismatched("<expression>", null);
                }
                args.add(expression());
            } while (accept(Token.Type.COMMA));
        }
        expect(Token.Type.RPAREN, args.isEmpty() ? "')', <expression>" : "')', ','");
        if (atWord("OVER")) {
            throw stateful("A windowed function call (OVER)", peek().position());
        }
        return new Ast.Call(name.name(), args, name.position());
    }

    private Ast.Expr caseExpr() {
        Position start = advance().position();
        Ast.Expr operand = null;
        if (!atWord("WHEN")) {
            operand = expression();
        }
        List<Ast.When> whens = new ArrayList<>();
        while (acceptWord("WHEN")) {
            Ast.Expr condition = expression();
            expectWord("THEN");
            whens.add(new Ast.When(condition, expression()));
        }
        if (whens.isEmpty()) {
            throw mismatched("'WHEN'", null);
        }
        Ast.Expr otherwise = null;
        if (acceptWord("ELSE")) {
            otherwise = expression();
        }
        if (!atWord("END")) {
            throw mismatched(otherwise == null ? "'ELSE', 'END', 'WHEN'" : "'END'", null);
        }
        advance();
        return new Ast.Case(operand, whens, otherwise, start);
    }

    private Ast.Expr cast() {
        Position start = advance().position();
        expect(Token.Type.LPAREN, "'('");
        Ast.Expr operand = expression();
        expectWord("AS");
        SqlType target = type();
        expect(Token.Type.RPAREN, "')'");
        return new Ast.Cast(operand, target, start);
    }

    private Ast.Expr extract() {
        Token name = advance();
        expect(Token.Type.LPAREN, "'('");
        Ast.Keyword unit = timeUnit();
        expectWord("FROM");
        Ast.Expr operand = expression();
        expect(Token.Type.RPAREN, "')'");
        return new Ast.Call("EXTRACT", List.of(unit, operand), name.position());
    }

    private static final Set<String> TIME_UNITS = Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR",
            "MINUTE", "SECOND", "MILLISECOND", "DOY", "DOW", "EPOCH");

    private Ast.Keyword timeUnit() {
        Token t = peek();
        if (t.type() == Token.Type.IDENTIFIER && TIME_UNITS.contains(t.value())) {
            advance();
            return new Ast.Keyword(t.value(), t.position());
        }
        throw mismatched("'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND',"
                + " 'DOY', 'DOW', 'EPOCH'", null);
    }

    private Ast.Expr specialCall(Token name) {
        advance();
        expect(Token.Type.LPAREN, "'('");
        List<Ast.Expr> args = new ArrayList<>();
        switch (name.value()) {
            case "SUBSTRING":
                args.add(expression());
                if (acceptWord("FROM")) {
                    args.add(expression());
                    if (acceptWord("FOR")) {
                        args.add(expression());
                    }
                } else {
                    while (accept(Token.Type.COMMA)) {
                        args.add(expression());
                    }
                }
                break;
            case "POSITION":
                args.add(additive());
                if (!acceptWord("IN")) {
                    expect(Token.Type.COMMA, "'IN'");
                }
                args.add(expression());
                if (acceptWord("FROM")) {
                    args.add(expression());
                }
                break;
            case "OVERLAY":
                args.add(expression());
                expectWord("PLACING");
                args.add(expression());
                expectWord("FROM");
                args.add(expression());
                if (acceptWord("FOR")) {
                    args.add(expression());
                }
                break;
            case "TRIM": {
                Position at = peek().position();
                String mode = "BOTH";
                boolean explicitMode = false;
                if (atWord("BOTH") || atWord("LEADING") || atWord("TRAILING")) {
                    mode = advance().value();
                    explicitMode = true;
                }
                args.add(new Ast.Keyword(mode, at));
                if (acceptWord("FROM")) {
                    args.add(new Ast.Literal(SqlType.varchar(1), " ", "' '", at));
                    args.add(expression());
                } else {
                    Ast.Expr first = expression();
                    if (acceptWord("FROM")) {
                        args.add(first);
                        args.add(expression());
                    } else if (explicitMode) {
                        throw mismatched("'FROM'", null);
                    } else {
                        args.add(new Ast.Literal(SqlType.varchar(1), " ", "' '", at));
                        args.add(first);
                    }
                }
                break;
            }
            case "FLOOR":
            case "CEIL":
            case "CEILING":
                args.add(expression());
                if (acceptWord("TO")) {
                    args.add(timeUnit());
                }
                break;
            case "STEP":
                args.add(expression());
                expectWord("BY");
                args.add(expression());
                break;
            default:
                throw new IllegalStateException(name.value());
        }
        expect(Token.Type.RPAREN, "')'");
        String fn = name.value().equals("CEILING") ? "CEIL" : name.value();
        return new Ast.Call(fn, args, name.position());
    }

    private static final Pattern TIMESTAMP_TEXT =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)");

    private Ast.Expr datetimeLiteral() {
        Token kind = advance();
        Token text = advance();
        String v = text.value().trim();
        try {
            switch (kind.value()) {
                case "DATE":
                    return new Ast.Literal(SqlType.DATE, LocalDate.parse(v).toEpochDay() * 86_400_000L,
                            kind.text() + " " + text.text(), kind.position());
                case "TIME":
                    return new Ast.Literal(SqlType.TIME, LocalTime.parse(v).toNanoOfDay() / 1_000_000L,
                            kind.text() + " " + text.text(), kind.position());
                default: {
                    Matcher m = TIMESTAMP_TEXT.matcher(v);
                    if (!m.matches()) {
                        throw new DateTimeParseException("bad", v, 0);
                    }
                    long ms = LocalDate.parse(m.group(1)).toEpochDay() * 86_400_000L
                            + LocalTime.parse(m.group(2)).toNanoOfDay() / 1_000_000L;
                    return new Ast.Literal(SqlType.TIMESTAMP, ms, kind.text() + " " + text.text(), kind.position());
                }
            }
        } catch (DateTimeParseException e) {
            String form = kind.value().equals("DATE") ? "DATE 'yyyy-mm-dd'"
                    : kind.value().equals("TIME") ? "TIME 'hh:mm:ss[.fff]'" : "TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.fff]'";
            throw error("invalid " + kind.value() + " literal " + text.text(), text.position(), "write " + form);
        }
    }

    private static final List<String> INTERVAL_UNITS = List.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

    private Ast.Expr interval() {
        Token start = advance();
        boolean negative = false;
        if (accept(Token.Type.MINUS)) {
            negative = true;
        } else {
            accept(Token.Type.PLUS);
        }
        Token text = expect(Token.Type.STRING, "<string>");
        Token unitToken = peek();
        if (unitToken.type() != Token.Type.IDENTIFIER || !INTERVAL_UNITS.contains(unitToken.value())) {
            throw mismatched("'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'", null);
        }
        advance();
        skipPrecision();
        String from = unitToken.value();
        String to = from;
        if (acceptWord("TO")) {
            Token toToken = peek();
            if (toToken.type() != Token.Type.IDENTIFIER || !INTERVAL_UNITS.contains(toToken.value())
                    || INTERVAL_UNITS.indexOf(toToken.value()) <= INTERVAL_UNITS.indexOf(from)) {
                throw mismatched("a unit smaller than " + from, null);
            }
            advance();
            skipPrecision();
            to = toToken.value();
        }
        String source = "INTERVAL " + (negative ? "-" : "") + text.text() + " " + from
                + (to.equals(from) ? "" : " TO " + to);
        long value;
        try {
            value = Intervals.parse(text.value().trim(), from, to);
        } catch (IllegalArgumentException e) {
            throw error("invalid interval literal " + text.text() + " for " + from + (to.equals(from) ? "" : " TO "
                    + to), text.position(), e.getMessage());
        }
        if (negative) {
            value = -value;
        }
        boolean yearMonth = from.equals("YEAR") || from.equals("MONTH");
        if (yearMonth && !(to.equals("YEAR") || to.equals("MONTH"))) {
            throw error("an interval cannot mix YEAR/MONTH with DAY..SECOND", unitToken.position(), null);
        }
        return new Ast.Literal(yearMonth ? SqlType.INTERVAL_YEAR_MONTH : SqlType.INTERVAL_DAY_TIME, value, source,
                start.position());
    }

    private void skipPrecision() {
        if (at(Token.Type.LPAREN)) {
            advance();
            expect(Token.Type.INTEGER, "<integer>");
            if (accept(Token.Type.COMMA)) {
                expect(Token.Type.INTEGER, "<integer>");
            }
            expect(Token.Type.RPAREN, "')'");
        }
    }
}
