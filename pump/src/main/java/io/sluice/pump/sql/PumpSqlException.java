package io.sluice.pump.sql;

import java.util.Optional;

/**
 * A configure-time error in pump SQL, at a position. {@link #getMessage()} reads like Trino's
 * ({@code line 5:27: mismatched input '"M"'. Expecting: ...}) followed by the offending line, a caret under the
 * column and, for the known mistakes, a hint.
 */
public class PumpSqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final Position position;
    private final String hint;
    private final String sourceLine;

    public PumpSqlException(String reason, Position position, String hint, String sql) {
        super(format(reason, position, hint, lineOf(sql, position)));
        this.reason = reason;
        this.position = position;
        this.hint = hint;
        this.sourceLine = lineOf(sql, position);
    }

    /** The error without position, line or hint, e.g. {@code Column "M" does not exist}. */
    public String reason() {
        return reason;
    }

    public Position position() {
        return position;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** The first line of the message: {@code line L:C: reason}. */
    public String summary() {
        return position == null ? reason : "line " + position + ": " + reason;
    }

    /** The offending source line (without its line break), or empty when unknown. */
    public String sourceLine() {
        return sourceLine == null ? "" : sourceLine;
    }

    private static String lineOf(String sql, Position position) {
        if (sql == null || position == null) {
            return null;
        }
        String[] lines = sql.split("\r\n|\r|\n", -1);
        int index = position.line() - 1;
        return index >= 0 && index < lines.length ? lines[index] : null;
    }

    private static String format(String reason, Position position, String hint, String line) {
        StringBuilder sb = new StringBuilder();
        sb.append(position == null ? reason : "line " + position + ": " + reason);
        if (line != null) {
            sb.append('\n').append(line.replace('\t', ' ')).append('\n');
            sb.append(" ".repeat(Math.max(0, position.column() - 1))).append('^');
        }
        if (hint != null) {
            sb.append("\nHint: ").append(hint);
        }
        return sb.toString();
    }
}
