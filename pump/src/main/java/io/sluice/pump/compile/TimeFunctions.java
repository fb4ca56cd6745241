package io.sluice.pump.compile;

import static io.sluice.pump.compile.Functions.register;
import static io.sluice.pump.compile.Terms.invalid;
import static io.sluice.pump.compile.Terms.strict;
import static io.sluice.pump.compile.Terms.typed;

import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The time functions: the clock (CURRENT_TIMESTAMP and its kin), EXTRACT, epoch conversions, formatting and
 * parsing with SimpleDateFormat patterns (UTC), STEP.
 */
final class TimeFunctions {

    private TimeFunctions() {
    }

    static void registerAll() {
        Functions.FunctionCompiler now = call -> {
            call.arity(0, 0, call.ast.name());
            return typed(row -> System.currentTimeMillis(), SqlType.TIMESTAMP);
        };
        register("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP → TIMESTAMP (wall clock, UTC)", now);
        register("CURRENT_ROW_TIMESTAMP", "CURRENT_ROW_TIMESTAMP → TIMESTAMP (wall clock per row, UTC)", now);
        register("LOCALTIMESTAMP", "LOCALTIMESTAMP → TIMESTAMP (UTC)", now);
        register("CURRENT_DATE", "CURRENT_DATE → DATE (UTC)", call -> {
            call.arity(0, 0, "CURRENT_DATE");
            return typed(row -> Math.floorDiv(System.currentTimeMillis(), Conversions.DAY_MS) * Conversions.DAY_MS,
                    SqlType.DATE);
        });
        Functions.FunctionCompiler currentTime = call -> {
            call.arity(0, 0, call.ast.name());
            return typed(row -> Math.floorMod(System.currentTimeMillis(), Conversions.DAY_MS), SqlType.TIME);
        };
        register("CURRENT_TIME", "CURRENT_TIME → TIME (UTC)", currentTime);
        register("LOCALTIME", "LOCALTIME → TIME (UTC)", currentTime);
        register("EXTRACT", "EXTRACT(unit FROM datetime) → BIGINT; units YEAR QUARTER MONTH WEEK DAY HOUR MINUTE"
                + " SECOND MILLISECOND DOY DOW EPOCH", call -> {
                    String unit = call.keyword(0);
                    Typed v = call.arg(1);
                    if (!v.type().isDatetime() && !v.type().isNull()) {
                        throw call.error("EXTRACT expects a DATE, TIME or TIMESTAMP, got " + v.type(), 1, null);
                    }
                    if (v.type().kind() == Kind.TIME && !List.of("HOUR", "MINUTE", "SECOND", "MILLISECOND")
                            .contains(unit)) {
                        throw call.error("EXTRACT(" + unit + " FROM TIME) is not defined", 0, null);
                    }
                    return typed(strict(v.term(), x -> extract(unit, (Long) x)), SqlType.BIGINT);
                });
        register("TO_TIMESTAMP", "TO_TIMESTAMP(epoch milliseconds) → TIMESTAMP", call -> {
            call.arity(1, 1, "TO_TIMESTAMP(epoch_ms)");
            Typed n = call.numeric(0);
            Term t = n.type().isExactInteger() || n.type().isNull() ? n.term()
                    : call.c.convertTerm(n, SqlType.BIGINT);
            return typed(t, SqlType.TIMESTAMP);
        });
        register("UNIX_TIMESTAMP", "UNIX_TIMESTAMP(timestamp) → BIGINT epoch milliseconds", call -> {
            call.arity(1, 1, "UNIX_TIMESTAMP(timestamp)");
            return typed(call.timestamp(0), SqlType.BIGINT);
        });
        register("TIMESTAMP_TO_CHAR", "TIMESTAMP_TO_CHAR(format, timestamp) → VARCHAR; format as"
                + " java.text.SimpleDateFormat, UTC", call -> {
                    call.arity(2, 2, "TIMESTAMP_TO_CHAR('yyyy-MM-dd HH:mm:ss', ts)");
                    Function<String, DateTimeFormatter> formats = formats(call);
                    Term fmt = call.string(0);
                    Term ts = call.timestamp(1);
                    return typed(strict(fmt, ts, (f, t) -> formats.apply((String) f)
                            .format(Instant.ofEpochMilli((Long) t))), SqlType.VARCHAR_MAX);
                });
        register("CHAR_TO_TIMESTAMP", "CHAR_TO_TIMESTAMP(format, string) → TIMESTAMP; format as"
                + " java.text.SimpleDateFormat, UTC", call -> {
                    call.arity(2, 2, "CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', string)");
                    Function<String, DateTimeFormatter> formats = formats(call);
                    Term fmt = call.string(0);
                    Term s = call.string(1);
                    return typed(strict(fmt, s, (f, x) -> parseWith(formats.apply((String) f), (String) x,
                            (String) f)), SqlType.TIMESTAMP);
                });
        register("STEP", "STEP(timestamp BY interval) or STEP(number BY number) → the value rounded down to a"
                + " multiple of the step", call -> {
                    Typed v = call.arg(0);
                    Typed by = call.arg(1);
                    if ((v.type().kind() == Kind.TIMESTAMP || v.type().kind() == Kind.DATE)
                            && by.type().kind() == Kind.INTERVAL_DAY_TIME) {
                        return typed(strict(v.term(), by.term(), (x, y) -> {
                            long step = (Long) y;
                            if (step <= 0) {
                                throw invalid("STEP interval must be positive");
                            }
                            return Math.floorDiv((Long) x, step) * step;
                        }), v.type());
                    }
                    if (v.type().isExactInteger() && by.type().isExactInteger()) {
                        return typed(strict(v.term(), by.term(), (x, y) -> {
                            long step = (Long) y;
                            if (step <= 0) {
                                throw invalid("STEP must be positive");
                            }
                            return Math.floorDiv((Long) x, step) * step;
                        }), v.type());
                    }
                    throw call.error("STEP expects (TIMESTAMP BY INTERVAL day-time) or (integer BY integer), got "
                            + v.type() + " BY " + by.type(), 1, "e.g. STEP(ROWTIME BY INTERVAL '10' SECOND)");
                });
    }

    static long extract(String unit, long ms) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L), 0, ZoneOffset.UTC);
        switch (unit) {
            case "YEAR":
                return t.getYear();
            case "QUARTER":
                return (t.getMonthValue() - 1) / 3 + 1;
            case "MONTH":
                return t.getMonthValue();
            case "WEEK":
                return t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "DAY":
                return t.getDayOfMonth();
            case "HOUR":
                return t.getHour();
            case "MINUTE":
                return t.getMinute();
            case "SECOND":
                return t.getSecond();
            case "MILLISECOND":
                return t.getSecond() * 1000L + Math.floorMod(ms, 1000L);
            case "DOY":
                return t.getDayOfYear();
            case "DOW":
                return t.getDayOfWeek().getValue() % 7 + 1; // Sunday = 1 .. Saturday = 7
            default: // EPOCH
                return Math.floorDiv(ms, 1000L);
        }
    }

    private static DateTimeFormatter formatter(FunctionCall call, String pattern) {
        try {
            return buildFormatter(pattern);
        } catch (IllegalArgumentException e) {
            throw call.error("invalid date format '" + pattern + "': " + e.getMessage(), 0,
                    "use java.text.SimpleDateFormat letters, e.g. 'yyyy-MM-dd HH:mm:ss'");
        }
    }

    private static DateTimeFormatter formatterAtRuntime(String pattern) {
        try {
            return buildFormatter(pattern);
        } catch (IllegalArgumentException e) {
            throw invalid("invalid date format '" + pattern + "': " + e.getMessage());
        }
    }

    private static DateTimeFormatter buildFormatter(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern)
                .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
                .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                .toFormatter(Locale.ROOT).withZone(ZoneOffset.UTC);
    }

    private static Long parseWith(DateTimeFormatter f, String s, String pattern) {
        try {
            TemporalAccessor t = f.parse(s);
            LocalDate date = t.isSupported(ChronoField.EPOCH_DAY) ? LocalDate.ofEpochDay(t.getLong(ChronoField.EPOCH_DAY))
                    : LocalDate.of(1970, 1, 1);
            long ms = date.toEpochDay() * Conversions.DAY_MS;
            if (t.isSupported(ChronoField.MILLI_OF_DAY)) {
                ms += t.getLong(ChronoField.MILLI_OF_DAY);
            } else if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
                ms += t.getLong(ChronoField.HOUR_OF_DAY) * 3_600_000L;
            }
            return ms;
        } catch (DateTimeParseException e) {
            throw new PumpRecordException(PumpRecordException.CAST_ERROR, "cannot parse '" + s + "' with format '"
                    + pattern + "'");
        }
    }

    /**
     * The formatter of a call's format argument (the first): built once now when the format is constant (a bad
     * one is an SQL error), else per record from its value.
     */
    private static Function<String, DateTimeFormatter> formats(FunctionCall call) {
        String constant = call.constantString(0, "the format");
        if (constant == null) {
            return TimeFunctions::formatterAtRuntime;
        }
        DateTimeFormatter fixed = formatter(call, constant);
        return f -> fixed;
    }
}
