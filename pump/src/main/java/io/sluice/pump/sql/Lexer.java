package io.sluice.pump.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits pump SQL into tokens with KDA's lexical rules: unquoted identifiers are upper-cased, double-quoted ones
 * keep their case ({@code ""} is a quote), string literals take single quotes ({@code ''} is a quote),
 * {@code --} and {@code /* *}{@code /} comments are skipped.
 */
public final class Lexer {

    private final String sql;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String sql) {
        this.sql = sql;
    }

    /** The tokens of {@code sql}, ending with an EOF token. */
    public static List<Token> tokenize(String sql) {
        return new Lexer(sql).run();
    }

    private Position here() {
        return new Position(line, pos - lineStart + 1, pos);
    }

    private PumpSqlException error(String reason, Position at, String hint) {
        return new PumpSqlException(reason, at, hint, sql);
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Position start = here();
            if (pos >= sql.length()) {
                tokens.add(new Token(Token.Type.EOF, "", "", start));
                return tokens;
            }
            tokens.add(next(start));
        }
    }

    private void newline() {
        line++;
        lineStart = pos;
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                pos++;
                newline();
            } else if (c == '\r') {
                pos++;
                if (pos < sql.length() && sql.charAt(pos) == '\n') {
                    pos++;
                }
                newline();
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                Position start = here();
                pos += 2;
                while (true) {
                    if (pos >= sql.length()) {
                        throw error("unterminated comment", start, "close it with */");
                    }
                    char d = sql.charAt(pos);
                    if (d == '*' && peek(1) == '/') {
                        pos += 2;
                        break;
                    }
                    pos++;
                    if (d == '\n') {
                        newline();
                    }
                }
            } else {
                return;
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private Token simple(Token.Type type, int length, Position start) {
        String text = sql.substring(pos, pos + length);
        pos += length;
        return new Token(type, text, text, start);
    }

    private Token next(Position start) {
        char c = sql.charAt(pos);
        switch (c) {
            case '(': return simple(Token.Type.LPAREN, 1, start);
            case ')': return simple(Token.Type.RPAREN, 1, start);
            case '[': return simple(Token.Type.LBRACKET, 1, start);
            case ']': return simple(Token.Type.RBRACKET, 1, start);
            case ',': return simple(Token.Type.COMMA, 1, start);
            case ';': return simple(Token.Type.SEMICOLON, 1, start);
            case '*': return simple(Token.Type.STAR, 1, start);
            case '+': return simple(Token.Type.PLUS, 1, start);
            case '-': return simple(Token.Type.MINUS, 1, start);
            case '/': return simple(Token.Type.SLASH, 1, start);
            case '=': return simple(Token.Type.EQ, 1, start);
            case '|':
                if (peek(1) == '|') {
                    return simple(Token.Type.CONCAT, 2, start);
                }
                throw error("unexpected character '|'", start, "string concatenation is ||");
            case '!':
                if (peek(1) == '=') {
                    return simple(Token.Type.NE, 2, start);
                }
                throw error("unexpected character '!'", start, "use <> (or !=) for not equal, NOT for negation");
            case '<':
                if (peek(1) == '=') {
                    return simple(Token.Type.LE, 2, start);
                }
                if (peek(1) == '>') {
                    return simple(Token.Type.NE, 2, start);
                }
                return simple(Token.Type.LT, 1, start);
            case '>':
                if (peek(1) == '=') {
                    return simple(Token.Type.GE, 2, start);
                }
                return simple(Token.Type.GT, 1, start);
            case '\'':
                return quoted(start, '\'', Token.Type.STRING);
            case '"':
                return quoted(start, '"', Token.Type.QUOTED_IDENTIFIER);
            case '.':
                if (Character.isDigit(peek(1))) {
                    return number(start);
                }
                return simple(Token.Type.DOT, 1, start);
            default:
                break;
        }
        if ((c == 'X' || c == 'x') && peek(1) == '\'') {
            pos++;
            Token raw = quoted(start, '\'', Token.Type.BINARY_STRING);
            if (!raw.value().matches("[0-9A-Fa-f]*") || raw.value().length() % 2 != 0) {
                throw error("invalid binary literal " + "X" + raw.text(), start,
                        "a binary literal is an even number of hex digits: X'0aff'");
            }
            return new Token(Token.Type.BINARY_STRING, "X" + raw.text(), raw.value(), start);
        }
        if (Character.isDigit(c)) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            int begin = pos;
            while (pos < sql.length()) {
                char d = sql.charAt(pos);
                if (Character.isLetterOrDigit(d) || d == '_' || d == '$') {
                    pos++;
                } else {
                    break;
                }
            }
            String text = sql.substring(begin, pos);
            return new Token(Token.Type.IDENTIFIER, text, text.toUpperCase(Locale.ROOT), start);
        }
        String hint = c == '`' ? "identifiers are quoted with double quotes: \"name\"" : null;
        throw error("unexpected character '" + c + "'", start, hint);
    }

    private Token quoted(Position start, char quote, Token.Type type) {
        int begin = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                String what = type == Token.Type.QUOTED_IDENTIFIER ? "quoted identifier" : "string literal";
                throw error("unterminated " + what, start,
                        "close it with " + quote + (quote == '\'' ? " (write '' for a quote inside)" : " (write \"\" for a quote inside)"));
            }
            char c = sql.charAt(pos);
            if (c == quote) {
                if (peek(1) == quote) {
                    value.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            value.append(c);
            pos++;
            if (c == '\n') {
                newline();
            }
        }
        if (type == Token.Type.QUOTED_IDENTIFIER && value.length() == 0) {
            throw error("zero-length quoted identifier \"\"", start, null);
        }
        return new Token(type, sql.substring(begin, pos), value.toString(), start);
    }

    private Token number(Position start) {
        int begin = pos;
        Token.Type type = Token.Type.INTEGER;
        while (Character.isDigit(peek(0))) {
            pos++;
        }
        if (peek(0) == '.') {
            type = Token.Type.DECIMAL;
            pos++;
            while (Character.isDigit(peek(0))) {
                pos++;
            }
        }
        if (peek(0) == 'E' || peek(0) == 'e') {
            int save = pos;
            pos++;
            if (peek(0) == '+' || peek(0) == '-') {
                pos++;
            }
            if (Character.isDigit(peek(0))) {
                type = Token.Type.APPROXIMATE;
                while (Character.isDigit(peek(0))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (Character.isLetter(peek(0)) || peek(0) == '_') {
            int end = pos;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            throw error("invalid number '" + sql.substring(begin, end) + "'", start,
                    "separate the number from the word after it");
        }
        String text = sql.substring(begin, pos);
        return new Token(type, text, text, start);
    }
}
