package io.sluice.pump.compile;

import static io.sluice.pump.compile.Functions.register;
import static io.sluice.pump.compile.Terms.invalid;
import static io.sluice.pump.compile.Terms.strict;
import static io.sluice.pump.compile.Terms.typed;

import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The numeric functions: ABS, FLOOR and CEIL (of numbers, and of timestamps to a unit), EXP, LN, LOG10, POWER,
 * MOD.
 */
final class NumericFunctions {

    private NumericFunctions() {
    }

    static void registerAll() {
        register("ABS", "ABS(number) → same type", call -> {
            call.arity(1, 1, "ABS(number)");
            Typed n = call.numeric(0);
            Kind k = n.type().kind();
            Function<Object, Object> f = n.type().isExactInteger() ? v -> {
                if ((Long) v == Long.MIN_VALUE) {
                    throw new PumpRecordException(PumpRecordException.OUT_OF_RANGE, "ABS(" + v + ") is out of range");
                }
                return Math.abs((Long) v);
            } : k == Kind.DECIMAL ? v -> ((BigDecimal) v).abs() : v -> Math.abs((Double) v);
            return typed(strict(n.term(), f), n.type().isNull() ? SqlType.INTEGER : n.type());
        });
        register("FLOOR", "FLOOR(number) or FLOOR(timestamp TO unit)", call -> roundDown(call, true));
        register("CEIL", "CEIL(number) or CEIL(timestamp TO unit); CEILING is the same",
                call -> roundDown(call, false));
        register("EXP", "EXP(number) → DOUBLE", call -> {
            call.arity(1, 1, "EXP(number)");
            return typed(strict(call.asDouble(0), v -> Math.exp((Double) v)), SqlType.DOUBLE);
        });
        register("LN", "LN(number) → DOUBLE; the argument must be positive", call -> logarithm(call, Math::log));
        register("LOG10", "LOG10(number) → DOUBLE; the argument must be positive",
                call -> logarithm(call, Math::log10));
        register("POWER", "POWER(base, exponent) → DOUBLE", call -> {
            call.arity(2, 2, "POWER(base, exponent)");
            return typed(strict(call.asDouble(0), call.asDouble(1), (x, y) -> Math.pow((Double) x, (Double) y)),
                    SqlType.DOUBLE);
        });
        register("MOD", "MOD(a, b) → remainder with the sign of a; exact types only", call -> {
            call.arity(2, 2, "MOD(a, b)");
            Typed a = call.numeric(0);
            Typed b = call.numeric(1);
            if (a.type().isApproximate() || b.type().isApproximate()) {
                throw call.error("MOD expects exact numbers (INTEGER, BIGINT, DECIMAL), got " + a.type() + " and "
                        + b.type(), -1, "CAST the arguments to DECIMAL");
            }
            SqlType type = Arithmetic.promote(a.type().isNull() ? SqlType.INTEGER : a.type(),
                    b.type().isNull() ? SqlType.INTEGER : b.type());
            if (type.isExactInteger()) {
                return typed(strict(a.term(), b.term(), (x, y) -> {
                    if ((Long) y == 0) {
                        throw new PumpRecordException(PumpRecordException.DIVISION_BY_ZERO, "MOD(" + x + ", 0)");
                    }
                    return (Long) x % (Long) y;
                }), b.type().isNull() ? type : b.type().isExactInteger() && a.type().isExactInteger() ? type : type);
            }
            Term at = call.c.convertTerm(a, type);
            Term bt = call.c.convertTerm(b, type);
            return typed(strict(at, bt, (x, y) -> {
                if (((BigDecimal) y).signum() == 0) {
                    throw new PumpRecordException(PumpRecordException.DIVISION_BY_ZERO, "MOD(" + x + ", 0)");
                }
                return ((BigDecimal) x).remainder((BigDecimal) y);
            }), type);
        });
    }

    private static Typed roundDown(FunctionCall call, boolean floor) {
        String name = floor ? "FLOOR" : "CEIL";
        if (call.args.size() == 2 && call.isKeyword(1)) {
            String unit = call.keyword(1);
            Term ts = call.timestamp(0);
            if (List.of("MILLISECOND", "DOY", "DOW", "EPOCH").contains(unit)) {
                throw call.error(name + "(... TO " + unit + ") is not supported", 1,
                        "units: SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR");
            }
            return typed(strict(ts, v -> {
                long ms = (Long) v;
                long down = floorTo(ms, unit);
                if (floor || down == ms) {
                    return down;
                }
                return ceilFrom(down, unit);
            }), call.arg(0).type().isNull() ? SqlType.TIMESTAMP : call.arg(0).type());
        }
        call.arity(1, 1, name + "(number) or " + name + "(timestamp TO unit)");
        Typed n = call.numeric(0);
        SqlType type = n.type();
        if (type.isExactInteger() || type.isNull()) {
            return typed(n.term(), type.isNull() ? SqlType.INTEGER : type);
        }
        if (type.kind() == Kind.DECIMAL) {
            RoundingMode mode = floor ? RoundingMode.FLOOR : RoundingMode.CEILING;
            return typed(strict(n.term(), v -> ((BigDecimal) v).setScale(0, mode)),
                    SqlType.decimal(Math.max(1, type.precision() - type.scale()), 0));
        }
        return typed(strict(n.term(), v -> floor ? Math.floor((Double) v) : Math.ceil((Double) v)), type);
    }

    private static long ceilFrom(long floored, String unit) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(floored, 1000L), 0, ZoneOffset.UTC);
        switch (unit) {
            case "SECOND":
                return floored + 1000L;
            case "MINUTE":
                return floored + 60_000L;
            case "HOUR":
                return floored + 3_600_000L;
            case "DAY":
                return floored + Conversions.DAY_MS;
            case "WEEK":
                return floored + 7 * Conversions.DAY_MS;
            case "MONTH":
                return t.plusMonths(1).toInstant(ZoneOffset.UTC).toEpochMilli();
            case "QUARTER":
                return t.plusMonths(3).toInstant(ZoneOffset.UTC).toEpochMilli();
            default:
                return t.plusYears(1).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }

    /** {@code ms} rounded down to the start of its {@code unit} (UTC; weeks start on Monday). */
    static long floorTo(long ms, String unit) {
        switch (unit) {
            case "SECOND":
                return Math.floorDiv(ms, 1000L) * 1000L;
            case "MINUTE":
                return Math.floorDiv(ms, 60_000L) * 60_000L;
            case "HOUR":
                return Math.floorDiv(ms, 3_600_000L) * 3_600_000L;
            case "DAY":
                return Math.floorDiv(ms, Conversions.DAY_MS) * Conversions.DAY_MS;
            default: {
                LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L), 0, ZoneOffset.UTC)
                        .toLocalDate().atStartOfDay();
                switch (unit) {
                    case "WEEK":
                        t = t.minusDays(t.getDayOfWeek().getValue() - 1L);
                        break;
                    case "MONTH":
                        t = t.withDayOfMonth(1);
                        break;
                    case "QUARTER":
                        t = t.withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
                        break;
                    case "YEAR":
                        t = t.withDayOfYear(1);
                        break;
                    default:
                        throw new IllegalArgumentException(unit);
                }
                return t.toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        }
    }

    /** LN and LOG10: one number, which must be positive (a record with another fails with the value named). */
    private static Typed logarithm(FunctionCall call, DoubleUnaryOperator log) {
        String name = call.ast.name();
        call.arity(1, 1, name + "(number)");
        return typed(strict(call.asDouble(0), v -> {
            if ((Double) v <= 0) {
                throw invalid(name + "(" + v + "): the argument must be positive");
            }
            return log.applyAsDouble((Double) v);
        }), SqlType.DOUBLE);
    }
}
