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
 * Expressions of pump SQL by recursive descent, lowest precedence first: OR, AND, NOT, predicates (comparisons,
 * IS, IN, BETWEEN, LIKE, SIMILAR TO), + and -, *, / and %, unary signs, then primaries (literals, columns, calls,
 * CASE, CAST, EXTRACT, datetime and interval literals). Refuses aggregates and other stateful functions with the
 * reason, and expressions nested deeper than {@link Nesting} allows before the recursion on them can overflow the
 * stack. Not thread-safe: one per parse.
 */
final class ExpressionParser {

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

    private final TokenCursor in;
    private final TypeParser types;

    ExpressionParser(TokenCursor in, TypeParser types) {
        this.in = in;
        this.types = types;
    }

    /** A whole expression (a select item, a WHERE), refused when it nests deeper than {@link Nesting}. */
    Ast.Expr topLevelExpression() {
        Ast.Expr expr = expression();
        Ast.Expr tooDeep = Nesting.tooDeep(expr);
        if (tooDeep != null) {
            throw in.error(Nesting.REASON, tooDeep.position(), Nesting.HINT);
        }
        return expr;
    }

    private Ast.Expr expression() {
        in.enterNested();
        Ast.Expr expr = or();
        in.leaveNested();
        return expr;
    }


    private Ast.Expr or() {
        List<Ast.Expr> operands = new ArrayList<>(List.of(and()));
        List<Position> operators = new ArrayList<>();
        while (in.atWord("OR")) {
            operators.add(in.advance().position());
            operands.add(and());
        }
        return balanced("OR", operands, operators, 0, operands.size());
    }

    private Ast.Expr and() {
        List<Ast.Expr> operands = new ArrayList<>(List.of(not()));
        List<Position> operators = new ArrayList<>();
        while (in.atWord("AND")) {
            operators.add(in.advance().position());
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
        if (in.atWord("NOT")) {
            Position at = in.advance().position();
            in.enterNested();
            Ast.Expr operand = not();
            in.leaveNested();
            return new Ast.Unary("NOT", operand, at);
        }
        return predicate();
    }

    private Ast.Expr predicate() {
        Ast.Expr left = additive();
        while (true) {
            Token t = in.peek();
            switch (t.type()) {
                case EQ:
                case NE:
                case LT:
                case LE:
                case GT:
                case GE:
                    in.advance();
                    left = new Ast.Binary(t.type() == Token.Type.NE ? "<>" : t.text(), left, additive(),
                            t.position());
                    continue;
                default:
                    break;
            }
            if (t.isWord("IS")) {
                in.advance();
                boolean negated = in.acceptWord("NOT");
                if (in.acceptWord("NULL")) {
                    left = new Ast.IsNull(left, negated, t.position());
                } else if (in.acceptWord("TRUE")) {
                    left = new Ast.IsTruth(left, Boolean.TRUE, negated, t.position());
                } else if (in.acceptWord("FALSE")) {
                    left = new Ast.IsTruth(left, Boolean.FALSE, negated, t.position());
                } else if (in.acceptWord("UNKNOWN")) {
                    left = new Ast.IsTruth(left, null, negated, t.position());
                } else {
                    throw in.mismatched(negated ? "'FALSE', 'NULL', 'TRUE', 'UNKNOWN'"
                            : "'FALSE', 'NOT', 'NULL', 'TRUE', 'UNKNOWN'", null);
                }
                continue;
            }
            boolean negated = false;
            if (t.isWord("NOT") && (in.peek(1).isWord("BETWEEN") || in.peek(1).isWord("IN") || in.peek(1).isWord("LIKE")
                    || in.peek(1).isWord("SIMILAR"))) {
                in.advance();
                negated = true;
            }
            Token op = in.peek();
            if (op.isWord("BETWEEN")) {
                in.advance();
                if (!in.acceptWord("ASYMMETRIC") && in.atWord("SYMMETRIC")) {
                    throw in.error("BETWEEN SYMMETRIC is not supported", in.peek().position(),
                            "order the bounds: x BETWEEN low AND high");
                }
                Ast.Expr low = additive();
                in.expectWord("AND");
                Ast.Expr high = additive();
                left = new Ast.Between(left, low, high, negated, t.position());
            } else if (op.isWord("IN")) {
                in.advance();
                if (!in.at(Token.Type.LPAREN)) {
                    throw in.mismatched("'('", null);
                }
                in.advance();
                if (in.atWord("SELECT")) {
                    throw in.error("subqueries are not supported in a pump", in.peek().position(),
                            "list the values: x IN ('a', 'b')");
                }
                List<Ast.Expr> list = new ArrayList<>();
                do {
                    list.add(expression());
                } while (in.accept(Token.Type.COMMA));
                in.expect(Token.Type.RPAREN, "')', ','");
                left = new Ast.InList(left, list, negated, t.position());
            } else if (op.isWord("LIKE") || op.isWord("SIMILAR")) {
                in.advance();
                boolean similar = op.isWord("SIMILAR");
                if (similar) {
                    in.expectWord("TO");
                }
                Ast.Expr pattern = additive();
                Ast.Expr escape = null;
                if (in.acceptWord("ESCAPE")) {
                    escape = additive();
                }
                left = new Ast.Like(left, pattern, escape, negated, similar, t.position());
            } else if (negated) {
                throw in.mismatched("'BETWEEN', 'IN', 'LIKE', 'SIMILAR'", null);
            } else {
                return left;
            }
        }
    }

    private Ast.Expr additive() {
        Ast.Expr left = multiplicative();
        while (in.at(Token.Type.PLUS) || in.at(Token.Type.MINUS)) {
            Token op = in.advance();
            left = new Ast.Binary(op.text(), left, multiplicative(), op.position());
        }
        return left;
    }

    private Ast.Expr multiplicative() {
        Ast.Expr left = unary();
        while (in.at(Token.Type.STAR) || in.at(Token.Type.SLASH) || in.at(Token.Type.CONCAT)) {
            Token op = in.advance();
            left = new Ast.Binary(op.text(), left, unary(), op.position());
        }
        return left;
    }

    private Ast.Expr unary() {
        if (in.at(Token.Type.MINUS) || in.at(Token.Type.PLUS)) {
            Token op = in.advance();
            in.enterNested();
            Ast.Expr operand = unary();
            in.leaveNested();
            if (op.type() == Token.Type.MINUS && operand instanceof Ast.Literal
                    && ((Ast.Literal) operand).type().isNumeric() && ((Ast.Literal) operand).value() != null) {
                // Fold the sign into numeric literals, so -9223372036854775808 is a BIGINT.
                Ast.Literal lit = (Ast.Literal) operand;
                String text = "-" + lit.text();
                Object v = lit.value();
                if (v instanceof Long longValue) {
                    return integerLiteral(BigDecimal.valueOf(longValue).negate(), text, op.position());
                }
                if (v instanceof BigDecimal && lit.type().scale() == 0 && lit.text().matches("[0-9]+")) {
                    return integerLiteral(((BigDecimal) v).negate(), text, op.position());
                }
                if (v instanceof BigDecimal bigDecimal) {
                    return new Ast.Literal(lit.type(), bigDecimal.negate(), text, op.position());
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
                throw in.error("number " + text + " is out of range", at,
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
        Token t = in.peek();
        switch (t.type()) {
            case INTEGER:
                in.advance();
                return integerLiteral(new BigDecimal(t.text()), t.text(), t.position());
            case DECIMAL: {
                in.advance();
                BigDecimal v = new BigDecimal(t.text());
                int precision = Math.max(v.precision(), v.scale());
                if (precision > SqlType.MAX_DECIMAL_PRECISION) {
                    return new Ast.Literal(SqlType.DOUBLE, v.doubleValue(), t.text(), t.position());
                }
                return new Ast.Literal(SqlType.decimal(precision, v.scale()), v, t.text(), t.position());
            }
            case APPROXIMATE:
                in.advance();
                return new Ast.Literal(SqlType.DOUBLE, Double.parseDouble(t.text()), t.text(), t.position());
            case STRING:
                in.advance();
                return stringLiteral(t);
            case BINARY_STRING:
                in.advance();
                return new Ast.Literal(SqlType.varbinary(Math.max(1, t.value().length() / 2)), hex(t.value()),
                        t.text(), t.position());
            case LPAREN: {
                in.advance();
                if (in.atWord("SELECT")) {
                    throw in.error("subqueries are not supported in a pump", in.peek().position(), null);
                }
                Ast.Expr inner = expression();
                in.expect(Token.Type.RPAREN, "')'");
                return inner;
            }
            case QUOTED_IDENTIFIER:
                return columnOrCall();
            case IDENTIFIER:
                return word(t);
            default:
                throw in.mismatched("<expression>", t.type() == Token.Type.EOF ? null
                        : t.type() == Token.Type.STAR ? "* is allowed only as a whole select item" : null);
        }
    }

    private Ast.Literal stringLiteral(Token t) {
        // Adjacent literals concatenate, as in standard SQL ('a' 'b' = 'ab').
        StringBuilder value = new StringBuilder(t.value());
        StringBuilder text = new StringBuilder(t.text());
        while (in.at(Token.Type.STRING)) {
            Token next = in.advance();
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
                in.advance();
                return new Ast.Literal(SqlType.NULL, null, t.text(), t.position());
            case "TRUE":
                in.advance();
                return new Ast.Literal(SqlType.BOOLEAN, Boolean.TRUE, t.text(), t.position());
            case "FALSE":
                in.advance();
                return new Ast.Literal(SqlType.BOOLEAN, Boolean.FALSE, t.text(), t.position());
            case "UNKNOWN":
                in.advance();
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
                if (in.peek(1).type() == Token.Type.STRING) {
                    return datetimeLiteral();
                }
                break;
            case "CURRENT_TIMESTAMP":
            case "CURRENT_ROW_TIMESTAMP":
            case "LOCALTIMESTAMP":
            case "CURRENT_DATE":
            case "CURRENT_TIME":
            case "LOCALTIME":
                if (in.peek(1).type() != Token.Type.LPAREN) {
                    in.advance();
                    return new Ast.Call(t.value(), List.of(), t.position());
                }
                break;
            case "EXTRACT":
                if (in.peek(1).type() == Token.Type.LPAREN) {
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
                if (in.peek(1).type() == Token.Type.LPAREN) {
                    return specialCall(t);
                }
                break;
            default:
                break;
        }
        if (TokenCursor.RESERVED.contains(t.value())) {
            throw in.mismatched("<expression>", TokenCursor.hintFor(t, "<identifier>"));
        }
        return columnOrCall();
    }

    private Ast.Expr columnOrCall() {
        Ast.Identifier first = in.identifier();
        if (in.at(Token.Type.LPAREN) && !first.quoted()) {
            return call(first);
        }
        if (in.accept(Token.Type.DOT)) {
            Ast.Identifier column = in.identifier();
            return new Ast.ColumnRef(first, column, first.position());
        }
        return new Ast.ColumnRef(null, first, first.position());
    }

    private Ast.Expr call(Ast.Identifier name) {
        String why = STATEFUL_FUNCTIONS.get(name.name());
        if (why != null) {
            throw in.stateful(name.name() + " (" + why + ")", name.position());
        }
        in.expect(Token.Type.LPAREN, "'('");
        List<Ast.Expr> args = new ArrayList<>();
        if (!in.at(Token.Type.RPAREN)) {
            if (in.atWord("DISTINCT")) {
                throw in.stateful("DISTINCT in a function call", in.peek().position());
            }
            do {
                if (in.at(Token.Type.STAR)) {
                    throw in.mismatched("<expression>", null);
                }
                args.add(expression());
            } while (in.accept(Token.Type.COMMA));
        }
        in.expect(Token.Type.RPAREN, args.isEmpty() ? "')', <expression>" : "')', ','");
        if (in.atWord("OVER")) {
            throw in.stateful("A windowed function call (OVER)", in.peek().position());
        }
        return new Ast.Call(name.name(), args, name.position());
    }

    private Ast.Expr caseExpr() {
        Position start = in.advance().position();
        Ast.Expr operand = null;
        if (!in.atWord("WHEN")) {
            operand = expression();
        }
        List<Ast.When> whens = new ArrayList<>();
        while (in.acceptWord("WHEN")) {
            Ast.Expr condition = expression();
            in.expectWord("THEN");
            whens.add(new Ast.When(condition, expression()));
        }
        if (whens.isEmpty()) {
            throw in.mismatched("'WHEN'", null);
        }
        Ast.Expr otherwise = null;
        if (in.acceptWord("ELSE")) {
            otherwise = expression();
        }
        if (!in.atWord("END")) {
            throw in.mismatched(otherwise == null ? "'ELSE', 'END', 'WHEN'" : "'END'", null);
        }
        in.advance();
        return new Ast.Case(operand, whens, otherwise, start);
    }

    private Ast.Expr cast() {
        Position start = in.advance().position();
        in.expect(Token.Type.LPAREN, "'('");
        Ast.Expr operand = expression();
        in.expectWord("AS");
        SqlType target = types.type();
        in.expect(Token.Type.RPAREN, "')'");
        return new Ast.Cast(operand, target, start);
    }

    private Ast.Expr extract() {
        Token name = in.advance();
        in.expect(Token.Type.LPAREN, "'('");
        Ast.Keyword unit = timeUnit();
        in.expectWord("FROM");
        Ast.Expr operand = expression();
        in.expect(Token.Type.RPAREN, "')'");
        return new Ast.Call("EXTRACT", List.of(unit, operand), name.position());
    }

    private static final Set<String> TIME_UNITS = Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR",
            "MINUTE", "SECOND", "MILLISECOND", "DOY", "DOW", "EPOCH");

    private Ast.Keyword timeUnit() {
        Token t = in.peek();
        if (t.type() == Token.Type.IDENTIFIER && TIME_UNITS.contains(t.value())) {
            in.advance();
            return new Ast.Keyword(t.value(), t.position());
        }
        throw in.mismatched("'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND',"
                + " 'DOY', 'DOW', 'EPOCH'", null);
    }

    private Ast.Expr specialCall(Token name) {
        in.advance();
        in.expect(Token.Type.LPAREN, "'('");
        List<Ast.Expr> args = new ArrayList<>();
        switch (name.value()) {
            case "SUBSTRING":
                args.add(expression());
                if (in.acceptWord("FROM")) {
                    args.add(expression());
                    if (in.acceptWord("FOR")) {
                        args.add(expression());
                    }
                } else {
                    while (in.accept(Token.Type.COMMA)) {
                        args.add(expression());
                    }
                }
                break;
            case "POSITION":
                args.add(additive());
                if (!in.acceptWord("IN")) {
                    in.expect(Token.Type.COMMA, "'IN'");
                }
                args.add(expression());
                if (in.acceptWord("FROM")) {
                    args.add(expression());
                }
                break;
            case "OVERLAY":
                args.add(expression());
                in.expectWord("PLACING");
                args.add(expression());
                in.expectWord("FROM");
                args.add(expression());
                if (in.acceptWord("FOR")) {
                    args.add(expression());
                }
                break;
            case "TRIM": {
                Position at = in.peek().position();
                String mode = "BOTH";
                boolean explicitMode = false;
                if (in.atWord("BOTH") || in.atWord("LEADING") || in.atWord("TRAILING")) {
                    mode = in.advance().value();
                    explicitMode = true;
                }
                args.add(new Ast.Keyword(mode, at));
                if (in.acceptWord("FROM")) {
                    args.add(new Ast.Literal(SqlType.varchar(1), " ", "' '", at));
                    args.add(expression());
                } else {
                    Ast.Expr first = expression();
                    if (in.acceptWord("FROM")) {
                        args.add(first);
                        args.add(expression());
                    } else if (explicitMode) {
                        throw in.mismatched("'FROM'", null);
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
                if (in.acceptWord("TO")) {
                    args.add(timeUnit());
                }
                break;
            case "STEP":
                args.add(expression());
                in.expectWord("BY");
                args.add(expression());
                break;
            default:
                throw new IllegalStateException(name.value());
        }
        in.expect(Token.Type.RPAREN, "')'");
        String fn = name.value().equals("CEILING") ? "CEIL" : name.value();
        return new Ast.Call(fn, args, name.position());
    }

    private static final Pattern TIMESTAMP_TEXT =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)");

    private Ast.Expr datetimeLiteral() {
        Token kind = in.advance();
        Token text = in.advance();
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
            throw in.error("invalid " + kind.value() + " literal " + text.text(), text.position(), "write " + form);
        }
    }

    private static final List<String> INTERVAL_UNITS = List.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

    private Ast.Expr interval() {
        Token start = in.advance();
        boolean negative = false;
        if (in.accept(Token.Type.MINUS)) {
            negative = true;
        } else {
            in.accept(Token.Type.PLUS);
        }
        Token text = in.expect(Token.Type.STRING, "<string>");
        Token unitToken = in.peek();
        if (unitToken.type() != Token.Type.IDENTIFIER || !INTERVAL_UNITS.contains(unitToken.value())) {
            throw in.mismatched("'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'", null);
        }
        in.advance();
        skipPrecision();
        String from = unitToken.value();
        String to = from;
        if (in.acceptWord("TO")) {
            Token toToken = in.peek();
            if (toToken.type() != Token.Type.IDENTIFIER || !INTERVAL_UNITS.contains(toToken.value())
                    || INTERVAL_UNITS.indexOf(toToken.value()) <= INTERVAL_UNITS.indexOf(from)) {
                throw in.mismatched("a unit smaller than " + from, null);
            }
            in.advance();
            skipPrecision();
            to = toToken.value();
        }
        String source = "INTERVAL " + (negative ? "-" : "") + text.text() + " " + from
                + (to.equals(from) ? "" : " TO " + to);
        long value;
        try {
            value = Intervals.parse(text.value().trim(), from, to);
        } catch (IllegalArgumentException e) {
            throw in.error("invalid interval literal " + text.text() + " for " + from + (to.equals(from) ? "" : " TO "
                    + to), text.position(), e.getMessage());
        }
        if (negative) {
            value = -value;
        }
        boolean yearMonth = from.equals("YEAR") || from.equals("MONTH");
        if (yearMonth && !(to.equals("YEAR") || to.equals("MONTH"))) {
            throw in.error("an interval cannot mix YEAR/MONTH with DAY..SECOND", unitToken.position(), null);
        }
        return new Ast.Literal(yearMonth ? SqlType.INTERVAL_YEAR_MONTH : SqlType.INTERVAL_DAY_TIME, value, source,
                start.position());
    }

    private void skipPrecision() {
        if (in.at(Token.Type.LPAREN)) {
            in.advance();
            in.expect(Token.Type.INTEGER, "<integer>");
            if (in.accept(Token.Type.COMMA)) {
                in.expect(Token.Type.INTEGER, "<integer>");
            }
            in.expect(Token.Type.RPAREN, "')'");
        }
    }
}
