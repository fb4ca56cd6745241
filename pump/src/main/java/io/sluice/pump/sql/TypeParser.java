package io.sluice.pump.sql;

import io.sluice.pump.type.SqlType;
import java.util.List;

/** SQL types as pump SQL writes them: {@code VARCHAR(n)}, {@code DECIMAL(p,s)}, {@code TIMESTAMP}, ... */
final class TypeParser {

    private static final List<String> TYPE_NAMES = List.of("VARCHAR(n)", "CHAR(n)", "INTEGER", "BIGINT",
            "SMALLINT", "TINYINT", "DOUBLE", "REAL", "DECIMAL(p,s)", "BOOLEAN", "DATE", "TIME", "TIMESTAMP",
            "VARBINARY(n)");

    private final TokenCursor in;

    TypeParser(TokenCursor in) {
        this.in = in;
    }

    SqlType type() {
        Token t = in.peek();
        if (t.type() != Token.Type.IDENTIFIER) {
            throw in.mismatched("<type>", "types: " + String.join(", ", TYPE_NAMES));
        }
        in.advance();
        switch (t.value()) {
            case "VARCHAR":
                return SqlType.varchar(optionalLength(SqlType.MAX_VARCHAR));
            case "CHARACTER":
            case "CHAR":
                if (in.acceptWord("VARYING")) {
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
                in.acceptWord("PRECISION");
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
                in.backUp();
                throw in.mismatched("<type>", typeHint(t.value()));
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
        if (!in.accept(Token.Type.LPAREN)) {
            return dflt;
        }
        Token n = in.expect(Token.Type.INTEGER, "<integer>");
        int length = smallInt(n);
        if (length < 1 || length > SqlType.MAX_VARCHAR) {
            throw in.error("length " + n.text() + " is out of range: it must be between 1 and " + SqlType.MAX_VARCHAR,
                    n.position(), null);
        }
        in.expect(Token.Type.RPAREN, "')'");
        return length;
    }

    private int smallInt(Token n) {
        try {
            return Integer.parseInt(n.text());
        } catch (NumberFormatException e) {
            throw in.error("number " + n.text() + " is too large", n.position(), null);
        }
    }

    private SqlType decimalType() {
        int precision = SqlType.MAX_DECIMAL_PRECISION;
        int scale = 0;
        if (in.accept(Token.Type.LPAREN)) {
            Token p = in.expect(Token.Type.INTEGER, "<integer>");
            precision = smallInt(p);
            if (precision < 1 || precision > SqlType.MAX_DECIMAL_PRECISION) {
                throw in.error("DECIMAL precision " + p.text() + " is out of range: it must be between 1 and "
                        + SqlType.MAX_DECIMAL_PRECISION, p.position(), null);
            }
            if (in.accept(Token.Type.COMMA)) {
                Token s = in.expect(Token.Type.INTEGER, "<integer>");
                scale = smallInt(s);
                if (scale > precision) {
                    throw in.error("DECIMAL scale " + s.text() + " is larger than its precision " + precision,
                            s.position(), null);
                }
            }
            in.expect(Token.Type.RPAREN, "')', ','");
        }
        return SqlType.decimal(precision, scale);
    }
}
