package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * Arithmetic operators, implemented per operand type at compile time. Exact integers stay exact (integer
 * division truncates toward zero, overflow is an error rather than a wrap-around), DECIMAL keeps its scale,
 * REAL/DOUBLE follow IEEE 754; division by zero is a per-record error for every numeric type. NULL in gives
 * NULL out.
 */
final class Arithmetic {

    private Arithmetic() {
    }

    /** The type two numeric operands widen to. */
    static SqlType promote(SqlType a, SqlType b) {
        if (a.isApproximate() || b.isApproximate()) {
            return a.kind() == Kind.REAL && b.kind() == Kind.REAL ? SqlType.REAL : SqlType.DOUBLE;
        }
        if (a.kind() == Kind.DECIMAL || b.kind() == Kind.DECIMAL) {
            int scale = Math.max(a.kind() == Kind.DECIMAL ? a.scale() : 0, b.kind() == Kind.DECIMAL ? b.scale() : 0);
            return SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, scale);
        }
        return a.kind() == Kind.BIGINT || b.kind() == Kind.BIGINT ? SqlType.BIGINT : SqlType.INTEGER;
    }

    private interface LongOp {
        long apply(long a, long b);
    }

    private interface DoubleOp {
        double apply(double a, double b);
    }

    private interface DecimalOp {
        BigDecimal apply(BigDecimal a, BigDecimal b);
    }

    static Typed numeric(String op, Typed l, Typed r, boolean constant) {
        SqlType type = promote(l.type(), r.type());
        if (type.isExactInteger()) {
            LongOp f = longOp(op);
            long min = type.minValue();
            long max = type.maxValue();
            Term lt = l.term();
            Term rt = r.term();
            return new Typed(row -> {
                Object x = lt.eval(row);
                if (x == null) {
                    return null;
                }
                Object y = rt.eval(row);
                if (y == null) {
                    return null;
                }
                long v = f.apply((Long) x, (Long) y);
                if (v < min || v > max) {
                    throw new PumpRecordException(PumpRecordException.OUT_OF_RANGE,
                            x + " " + op + " " + y + " is out of range for " + type);
                }
                return v;
            }, type, constant);
        }
        if (type.kind() == Kind.DECIMAL) {
            int scale;
            int ls = l.type().kind() == Kind.DECIMAL ? l.type().scale() : 0;
            int rs = r.type().kind() == Kind.DECIMAL ? r.type().scale() : 0;
            switch (op) {
                case "*":
                    scale = Math.min(ls + rs, 18);
                    break;
                case "/":
                    scale = Math.min(Math.max(6, Math.max(ls, rs)), 18);
                    break;
                default:
                    scale = Math.max(ls, rs);
                    break;
            }
            SqlType result = SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, scale);
            DecimalOp f = decimalOp(op, scale);
            Term lt = widen(l, result);
            Term rt = widen(r, result);
            return new Typed(row -> {
                Object x = lt.eval(row);
                if (x == null) {
                    return null;
                }
                Object y = rt.eval(row);
                if (y == null) {
                    return null;
                }
                return Conversions.toDecimal(f.apply((BigDecimal) x, (BigDecimal) y), result,
                        PumpRecordException.OUT_OF_RANGE);
            }, result, constant);
        }
        DoubleOp f = doubleOp(op);
        boolean real = type.kind() == Kind.REAL;
        Term lt = widen(l, SqlType.DOUBLE);
        Term rt = widen(r, SqlType.DOUBLE);
        return new Typed(row -> {
            Object x = lt.eval(row);
            if (x == null) {
                return null;
            }
            Object y = rt.eval(row);
            if (y == null) {
                return null;
            }
            double v = f.apply((Double) x, (Double) y);
            return real ? (double) (float) v : v;
        }, type, constant);
    }

    private static Term widen(Typed t, SqlType to) {
        UnaryOperator<Object> conv;
        if (to.kind() == Kind.DECIMAL) {
            conv = t.type().kind() == Kind.DECIMAL ? null : v -> BigDecimal.valueOf((Long) v);
        } else {
            conv = Conversions.converter(t.type(), to, false);
        }
        if (conv == null) {
            return t.term();
        }
        Term inner = t.term();
        return row -> {
            Object v = inner.eval(row);
            return v == null ? null : conv.apply(v);
        };
    }

    private static LongOp longOp(String op) {
        switch (op) {
            case "+":
                return exact(op, Math::addExact);
            case "-":
                return exact(op, Math::subtractExact);
            case "*":
                return exact(op, Math::multiplyExact);
            default:
                return (a, b) -> {
                    if (b == 0) {
                        throw new PumpRecordException(PumpRecordException.DIVISION_BY_ZERO,
                                "division by zero: " + a + " / 0");
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw overflow(a, op, b);
                    }
                    return a / b; // truncates toward zero, as SQL integer division does
                };
        }
    }

    /** An overflow-checked operation: Math's *Exact methods, with the pump's per-record overflow error. */
    private static LongOp exact(String op, LongOp checked) {
        return (a, b) -> {
            try {
                return checked.apply(a, b);
            } catch (ArithmeticException e) {
                throw overflow(a, op, b);
            }
        };
    }

    private static PumpRecordException overflow(long a, String op, long b) {
        return new PumpRecordException(PumpRecordException.OUT_OF_RANGE, a + " " + op + " " + b + " overflows BIGINT");
    }

    private static DoubleOp doubleOp(String op) {
        switch (op) {
            case "+":
                return Double::sum;
            case "-":
                return (a, b) -> a - b;
            case "*":
                return (a, b) -> a * b;
            default:
                return (a, b) -> {
                    if (b == 0) {
                        throw new PumpRecordException(PumpRecordException.DIVISION_BY_ZERO,
                                "division by zero: " + a + " / 0");
                    }
                    return a / b;
                };
        }
    }

    private static DecimalOp decimalOp(String op, int scale) {
        switch (op) {
            case "+":
                return BigDecimal::add;
            case "-":
                return BigDecimal::subtract;
            case "*":
                return BigDecimal::multiply;
            default:
                return (a, b) -> divide(a, b, scale);
        }
    }

    /** Datetime and interval arithmetic, or null when the operand types do not combine. */
    static Typed datetime(String op, Typed l, Typed r, boolean constant) {
        SqlType a = l.type();
        SqlType b = r.type();
        Term lt = l.term();
        Term rt = r.term();
        if ((op.equals("+") || op.equals("-")) && a.isDatetime() && b.isInterval()) {
            return shift(l.type(), lt, rt, b.kind() == Kind.INTERVAL_YEAR_MONTH, op.equals("-"), constant);
        }
        if (op.equals("+") && a.isInterval() && b.isDatetime()) {
            return shift(r.type(), rt, lt, a.kind() == Kind.INTERVAL_YEAR_MONTH, false, constant);
        }
        if ((op.equals("+") || op.equals("-")) && a.isInterval() && a.kind() == b.kind()) {
            return new Typed(longs(lt, rt, op.equals("+") ? Math::addExact : Math::subtractExact), a, constant);
        }
        if (op.equals("*") && a.isInterval() && b.isExactInteger()) {
            return new Typed(longs(lt, rt, Math::multiplyExact), a, constant);
        }
        if (op.equals("*") && a.isExactInteger() && b.isInterval()) {
            return new Typed(longs(lt, rt, Math::multiplyExact), b, constant);
        }
        if (op.equals("/") && a.isInterval() && b.isExactInteger()) {
            return new Typed(longs(lt, rt, (x, y) -> {
                if (y == 0) {
                    throw new PumpRecordException(PumpRecordException.DIVISION_BY_ZERO, "division by zero");
                }
                return x / y;
            }), a, constant);
        }
        return null;
    }

    private static Term longs(Term lt, Term rt, LongOp f) {
        return row -> {
            Object x = lt.eval(row);
            if (x == null) {
                return null;
            }
            Object y = rt.eval(row);
            if (y == null) {
                return null;
            }
            try {
                return f.apply((Long) x, (Long) y);
            } catch (ArithmeticException e) {
                throw new PumpRecordException(PumpRecordException.OUT_OF_RANGE, "interval arithmetic overflows");
            }
        };
    }

    private static Typed shift(SqlType type, Term datetime, Term interval, boolean months, boolean subtract,
                               boolean constant) {
        Kind kind = type.kind();
        return new Typed(row -> {
            Object x = datetime.eval(row);
            if (x == null) {
                return null;
            }
            Object y = interval.eval(row);
            if (y == null) {
                return null;
            }
            long ms = (Long) x;
            long amount = subtract ? -(Long) y : (Long) y;
            long result;
            if (months) {
                LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L),
                        (int) Math.floorMod(ms, 1000L) * 1_000_000, ZoneOffset.UTC);
                result = t.plusMonths(amount).toInstant(ZoneOffset.UTC).toEpochMilli();
            } else {
                result = ms + amount;
            }
            if (kind == Kind.TIME) {
                return Math.floorMod(result, Conversions.DAY_MS);
            }
            if (kind == Kind.DATE) {
                return Math.floorDiv(result, Conversions.DAY_MS) * Conversions.DAY_MS;
            }
            return result;
        }, type, constant);
    }

    /** {@code a / b} rounded half up to {@code scale} digits; division by zero is the record's error. */
    static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
        if (b.signum() == 0) {
            throw new PumpRecordException(PumpRecordException.DIVISION_BY_ZERO, "division by zero");
        }
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }
}
