package io.sluice.pump.sql;

/**
 * One lexical token. {@code text} is the source spelling; {@code value} is the meaning: an unquoted identifier
 * upper-cased, a quoted identifier or string literal with its quotes removed and doubled quotes collapsed.
 */
public record Token(Type type, String text, String value, Position position) {

    /** Token kinds. Keywords are {@link #IDENTIFIER}s; the parser decides which words are reserved. */
    public enum Type {
        IDENTIFIER, QUOTED_IDENTIFIER, STRING, BINARY_STRING, INTEGER, DECIMAL, APPROXIMATE,
        LPAREN, RPAREN, COMMA, SEMICOLON, DOT, STAR, PLUS, MINUS, SLASH, CONCAT,
        EQ, NE, LT, LE, GT, GE, LBRACKET, RBRACKET, EOF
    }

    /** True for an unquoted identifier spelling {@code word} in any case. */
    public boolean isWord(String word) {
        return type == Type.IDENTIFIER && value.equals(word);
    }

    /** How the token is quoted in an error message: {@code 'text'}, or {@code <EOF>}. */
    public String describe() {
        return type == Type.EOF ? "<EOF>" : "'" + text + "'";
    }
}
