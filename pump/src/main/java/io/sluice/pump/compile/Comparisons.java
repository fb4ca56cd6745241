package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * How two values of SQL types compare, chosen once per comparison at compile time: both sides converted to their
 * common type, then that type's order (numbers by value, strings by code unit with CHAR's trailing blanks
 * ignored, bytes unsigned). Stateless.
 */
final class Comparisons {

    private Comparisons() {
    }

    /** Both sides converted (null: as they are) to the common type, then compared in its order. */
    record Compare(UnaryOperator<Object> left, UnaryOperator<Object> right, Comparator<Object> comparator) {
        int compare(Object a, Object b) {
            return comparator.compare(left == null ? a : left.apply(a), right == null ? b : right.apply(b));
        }
    }

    @SuppressWarnings("unchecked")
    static Comparator<Object> comparatorFor(SqlType type, boolean padSpace) {
        switch (type.kind()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case DATE:
            case TIME:
            case TIMESTAMP:
            case INTERVAL_DAY_TIME:
            case INTERVAL_YEAR_MONTH:
                return (x, y) -> Long.compare((Long) x, (Long) y);
            case REAL:
            case DOUBLE:
                return (x, y) -> Double.compare((Double) x, (Double) y);
            case DECIMAL:
                return (x, y) -> ((BigDecimal) x).compareTo((BigDecimal) y);
            case VARBINARY:
                return (x, y) -> Arrays.compareUnsigned((byte[]) x, (byte[]) y);
            case CHAR:
            case VARCHAR:
                if (padSpace) {
                    return (x, y) -> stripTrailing((String) x).compareTo(stripTrailing((String) y));
                }
                return (x, y) -> ((String) x).compareTo((String) y);
            default:
                return (x, y) -> ((Comparable<Object>) x).compareTo(y);
        }
    }

    /** What a comparison operator makes of {@code compare}'s sign. */
    static Predicate<Integer> predicateFor(String op) {
        switch (op) {
            case "=":
                return c -> c == 0;
            case "<>":
                return c -> c != 0;
            case "<":
                return c -> c < 0;
            case "<=":
                return c -> c <= 0;
            case ">":
                return c -> c > 0;
            default:
                return c -> c >= 0;
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
