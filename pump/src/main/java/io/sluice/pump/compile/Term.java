package io.sluice.pump.compile;

/**
 * A compiled expression: evaluates against one row and returns a value in the run-time representation of the
 * expression's type (null = SQL NULL / UNKNOWN). Terms are built once at configure time with their operator
 * implementations chosen by type; they hold no per-row state and are safe to share between threads.
 */
@FunctionalInterface
public interface Term {

    Object eval(Row row);
}
