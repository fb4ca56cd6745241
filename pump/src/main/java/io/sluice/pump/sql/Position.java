package io.sluice.pump.sql;

/** A place in the SQL text: 1-based line and column, 0-based character offset. */
public record Position(int line, int column, int offset) {

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
