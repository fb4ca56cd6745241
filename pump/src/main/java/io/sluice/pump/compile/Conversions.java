package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value conversions between SQL types, chosen once per (from, to) pair at compile time: implicit (assignment to
 * a column, operator promotion) and explicit ({@code CAST}), and to Connect values (output). Values read from
 * records are {@link InputValues}'. All functions take and return non-null values; callers handle NULL.
 */
public final class Conversions {

    static final long DAY_MS = 86_400_000L;
    private static final int MAX_PLAIN_EXPONENT = 1000;
    private static final Pattern TIMESTAMP_TEXT = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?\\s*(Z|[+-]\\d{2}:?\\d{2})?");

    private Conversions() {
    }

    /** Whether a value of {@code from} may be stored in a column of {@code to} without CAST. */
    public static boolean assignable(SqlType from, SqlType to) {
        if (from.isNull()) {
            return true;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return true;
        }
        if (from.isString() && to.isString()) {
            return true;
        }
        if (from.kind() == Kind.DATE && to.kind() == Kind.TIMESTAMP) {
            return true;
        }
        return from.kind() == to.kind();
    }

    /** Whether {@code CAST(from AS to)} is allowed. */
    public static boolean castable(SqlType from, SqlType to) {
        if (assignable(from, to)) {
            return true;
        }
        if (from.isString() || to.isString()) {
            return !(from.kind() == Kind.VARBINARY || to.kind() == Kind.VARBINARY) && !from.isInterval()
                    && !to.isInterval();
        }
        if (from.isDatetime() && to.isDatetime()) {
            return !(from.kind() == Kind.DATE && to.kind() == Kind.TIME)
                    && !(from.kind() == Kind.TIME && to.kind() == Kind.DATE);
        }
        return false;
    }

    /**
     * The converter storing a {@code from} value as {@code to}: integers range-checked, DECIMAL rounded to its
     * scale and precision-checked, VARCHAR truncated (KDA truncates silently), CHAR truncated and space-padded.
     * Strings are parsed when {@code explicit} (CAST). Returns null when no conversion is needed.
     */
    public static UnaryOperator<Object> converter(SqlType from, SqlType to, boolean explicit) {
        String errorName = explicit ? PumpRecordException.CAST_ERROR : PumpRecordException.OUT_OF_RANGE;
        switch (to.kind()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT: {
                long min = to.minValue();
                long max = to.maxValue();
                if (from.isExactInteger()) {
                    if (min <= from.minValue() && max >= from.maxValue()) {
                        return null;
                    }
                    return v -> checkRange((Long) v, min, max, to, errorName);
                }
                if (from.kind() == Kind.DECIMAL) {
                    return v -> checkRange(decimalToLong((BigDecimal) v, to, errorName), min, max, to, errorName);
                }
                if (from.isApproximate()) {
                    return v -> checkRange(doubleToLong((Double) v, to, errorName), min, max, to, errorName);
                }
                if (from.isString()) {
                    return v -> checkRange(parseLong(((String) v).trim(), to), min, max, to,
                            PumpRecordException.CAST_ERROR);
                }
                break;
            }
            case DECIMAL: {
                if (from.isExactInteger()) {
                    return v -> toDecimal(BigDecimal.valueOf((Long) v), to, errorName);
                }
                if (from.kind() == Kind.DECIMAL) {
                    if (from.scale() == to.scale() && from.precision() <= to.precision()) {
                        return null;
                    }
                    return v -> toDecimal((BigDecimal) v, to, errorName);
                }
                if (from.isApproximate()) {
                    return v -> toDecimal(doubleToDecimal((Double) v, to), to, errorName);
                }
                if (from.isString()) {
                    return v -> toDecimal(parseDecimal(((String) v).trim(), to), to, PumpRecordException.CAST_ERROR);
                }
                break;
            }
            case REAL:
            case DOUBLE: {
                boolean real = to.kind() == Kind.REAL;
                if (from.isExactInteger()) {
                    return real ? v -> (double) (float) (long) (Long) v : v -> (double) (long) (Long) v;
                }
                if (from.kind() == Kind.DECIMAL) {
                    return real ? v -> (double) ((BigDecimal) v).floatValue() : v -> ((BigDecimal) v).doubleValue();
                }
                if (from.isApproximate()) {
                    return real && from.kind() != Kind.REAL ? v -> (double) (float) (double) (Double) v : null;
                }
                if (from.isString()) {
                    return v -> {
                        double d = parseDouble(((String) v).trim(), to);
                        return real ? (double) (float) d : d;
                    };
                }
                break;
            }
            case VARCHAR:
            case CHAR: {
                UnaryOperator<Object> fit = fitString(to);
                if (from.isString()) {
                    if (to.kind() == Kind.VARCHAR && from.kind() == Kind.VARCHAR && from.length() <= to.length()) {
                        return null;
                    }
                    return fit;
                }
                UnaryOperator<Object> toText = textOf(from);
                return v -> fit.apply(toText.apply(v));
            }
            case BOOLEAN:
                if (from.kind() == Kind.BOOLEAN) {
                    return null;
                }
                if (from.isString()) {
                    return v -> parseBoolean(((String) v).trim());
                }
                break;
            case TIMESTAMP:
                if (from.kind() == Kind.TIMESTAMP || from.kind() == Kind.DATE) {
                    return null;
                }
                if (from.kind() == Kind.TIME) {
                    return null;
                }
                if (from.isString()) {
                    return v -> parseTimestamp(((String) v).trim(), to);
                }
                break;
            case DATE:
                if (from.kind() == Kind.DATE) {
                    return null;
                }
                if (from.kind() == Kind.TIMESTAMP) {
                    return v -> Math.floorDiv((Long) v, DAY_MS) * DAY_MS;
                }
                if (from.isString()) {
                    return v -> Math.floorDiv(parseTimestamp(((String) v).trim(), to), DAY_MS) * DAY_MS;
                }
                break;
            case TIME:
                if (from.kind() == Kind.TIME) {
                    return null;
                }
                if (from.kind() == Kind.TIMESTAMP) {
                    return v -> Math.floorMod((Long) v, DAY_MS);
                }
                if (from.isString()) {
                    return v -> parseTime(((String) v).trim(), to);
                }
                break;
            case VARBINARY:
                if (from.kind() == Kind.VARBINARY) {
                    int max = to.length();
                    return from.length() <= max ? null
                            : v -> ((byte[]) v).length <= max ? v : Arrays.copyOf((byte[]) v, max);
                }
                break;
            case INTERVAL_DAY_TIME:
            case INTERVAL_YEAR_MONTH:
                if (from.kind() == to.kind()) {
                    return null;
                }
                break;
            default:
                break;
        }
        if (from.isNull()) {
            return null;
        }
        throw new IllegalArgumentException("cannot convert " + from + " to " + to);
    }

    static UnaryOperator<Object> fitString(SqlType to) {
        int length = to.length();
        if (to.kind() == Kind.CHAR) {
            return v -> {
                String s = (String) v;
                if (s.length() > length) {
                    return s.substring(0, length);
                }
                if (s.length() < length) {
                    return s + " ".repeat(length - s.length());
                }
                return s;
            };
        }
        return v -> {
            String s = (String) v;
            return s.length() > length ? s.substring(0, length) : s;
        };
    }

    /** How a value of {@code type} reads as text (CAST to VARCHAR, string output). */
    public static UnaryOperator<Object> textOf(SqlType type) {
        switch (type.kind()) {
            case DECIMAL:
                return v -> ((BigDecimal) v).toPlainString();
            case BOOLEAN:
                return v -> ((Boolean) v) ? "TRUE" : "FALSE";
            case TIMESTAMP:
                return v -> formatTimestamp((Long) v);
            case DATE:
                return v -> LocalDate.ofEpochDay(Math.floorDiv((Long) v, DAY_MS)).toString();
            case TIME:
                return v -> formatTime((Long) v);
            case VARBINARY:
                return v -> hex((byte[]) v);
            default:
                return String::valueOf;
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    public static String formatTimestamp(long ms) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), 0, ZoneOffset.UTC);
        String base = t.toLocalDate() + " " + pad2(t.getHour()) + ":" + pad2(t.getMinute()) + ":" + pad2(t.getSecond());
        int millis = Math.floorMod(ms, 1000);
        return millis == 0 ? base : base + "." + String.format(Locale.ROOT, "%03d", millis);
    }

    static String formatTime(long msOfDay) {
        long s = msOfDay / 1000;
        String base = pad2((int) (s / 3600)) + ":" + pad2((int) (s / 60 % 60)) + ":" + pad2((int) (s % 60));
        int millis = (int) (msOfDay % 1000);
        return millis == 0 ? base : base + "." + String.format(Locale.ROOT, "%03d", millis);
    }

    private static String pad2(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    static Long checkRange(long v, long min, long max, SqlType to, String errorName) {
        if (v < min || v > max) {
            throw new PumpRecordException(errorName, "value " + v + " is out of range for " + to);
        }
        return v;
    }

    private static long decimalToLong(BigDecimal v, SqlType to, String errorName) {
        BigDecimal truncated = v.setScale(0, RoundingMode.DOWN);
        if (truncated.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
                || truncated.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new PumpRecordException(errorName, "value " + plainText(v) + " is out of range for " + to);
        }
        return truncated.longValueExact();
    }

    private static long doubleToLong(double v, SqlType to, String errorName) {
        if (Double.isNaN(v) || v < -9.223372036854776E18 || v >= 9.223372036854776E18) {
            throw new PumpRecordException(errorName, "value " + v + " is out of range for " + to);
        }
        return (long) v;
    }

    static BigDecimal doubleToDecimal(double v, SqlType to) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new PumpRecordException(PumpRecordException.OUT_OF_RANGE, "value " + v + " is not a valid " + to);
        }
        return BigDecimal.valueOf(v);
    }

    static BigDecimal toDecimal(BigDecimal v, SqlType to, String errorName) {
        // Judge the magnitude before scaling: setScale of a record's '1e999999999' or '1e-999999999' would compute
        // with a billion digits. precision - scale is the number of digits before the point.
        int integerDigits = v.precision() - v.scale();
        if (v.signum() != 0 && integerDigits > to.precision() - to.scale()) {
            throw new PumpRecordException(errorName, "value " + plainText(v) + " is out of range for " + to);
        }
        if (integerDigits < -to.scale()) {
            return BigDecimal.ZERO.setScale(to.scale()); // below half the last digit: rounds to zero
        }
        BigDecimal scaled = v.setScale(to.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > to.precision() - to.scale()) {
            throw new PumpRecordException(errorName, "value " + plainText(v) + " is out of range for " + to);
        }
        return scaled;
    }

    /**
     * A decimal as text: plain, unless its exponent is beyond {@value #MAX_PLAIN_EXPONENT} and plain text would be
     * that many digits ({@code 1E+999999999}, as a record may write it).
     */
    static String plainText(BigDecimal v) {
        return Math.abs((long) v.scale()) <= MAX_PLAIN_EXPONENT ? v.toPlainString() : v.toString();
    }

    private static long parseLong(String s, SqlType to) {
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new PumpRecordException(PumpRecordException.CAST_ERROR, "cannot convert '" + s + "' to " + to);
        }
    }

    private static BigDecimal parseDecimal(String s, SqlType to) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new PumpRecordException(PumpRecordException.CAST_ERROR, "cannot convert '" + s + "' to " + to);
        }
    }

    private static double parseDouble(String s, SqlType to) {
        try {
            if (s.isEmpty() || !(Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) {
                throw new NumberFormatException(s);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new PumpRecordException(PumpRecordException.CAST_ERROR, "cannot convert '" + s + "' to " + to);
        }
    }

    private static Boolean parseBoolean(String s) {
        switch (s.toUpperCase(Locale.ROOT)) {
            case "TRUE":
                return Boolean.TRUE;
            case "FALSE":
                return Boolean.FALSE;
            case "UNKNOWN":
                return null;
            default:
                throw new PumpRecordException(PumpRecordException.CAST_ERROR, "cannot convert '" + s + "' to BOOLEAN");
        }
    }

    /** Parses {@code yyyy-mm-dd[ hh:mm[:ss[.fff]]][Z|+hh:mm]} (a {@code T} may separate date and time). */
    public static long parseTimestamp(String s, SqlType to) {
        Matcher m = TIMESTAMP_TEXT.matcher(s);
        if (m.matches()) {
            try {
                LocalDate date = LocalDate.parse(m.group(1));
                LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(m.group(2));
                long ms = date.toEpochDay() * DAY_MS + time.toNanoOfDay() / 1_000_000L;
                if (m.group(3) != null && !m.group(3).equals("Z")) {
                    String off = m.group(3).replace(":", "");
                    int sign = off.charAt(0) == '-' ? -1 : 1;
                    int minutes = Integer.parseInt(off.substring(1, 3)) * 60 + Integer.parseInt(off.substring(3, 5));
                    ms -= sign * minutes * 60_000L;
                }
                return ms;
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new PumpRecordException(PumpRecordException.CAST_ERROR, "cannot convert '" + s + "' to " + to
                    + ": expected 'yyyy-mm-dd hh:mm:ss[.fff]'");
        }
    }

    static long parseTime(String s, SqlType to) {
        try {
            return LocalTime.parse(s).toNanoOfDay() / 1_000_000L;
        } catch (DateTimeParseException e) {
            throw new PumpRecordException(PumpRecordException.CAST_ERROR, "cannot convert '" + s + "' to " + to
                    + ": expected 'hh:mm:ss[.fff]'");
        }
    }

    // ---- Connect values (output)

    /** The converter from the run-time representation of {@code type} to its Connect value. */
    public static UnaryOperator<Object> toConnect(SqlType type) {
        switch (type.kind()) {
            case TINYINT:
                return v -> (byte) (long) (Long) v;
            case SMALLINT:
                return v -> (short) (long) (Long) v;
            case INTEGER:
                return v -> (int) (long) (Long) v;
            case REAL:
                return v -> (float) (double) (Double) v;
            case DECIMAL: {
                int scale = type.scale();
                return v -> ((BigDecimal) v).scale() == scale ? v : ((BigDecimal) v).setScale(scale, RoundingMode.HALF_UP);
            }
            case DATE:
            case TIME:
            case TIMESTAMP:
                return v -> new Date((Long) v);
            case INTERVAL_DAY_TIME:
            case INTERVAL_YEAR_MONTH:
            case BIGINT:
            case DOUBLE:
            default:
                return v -> v;
        }
    }

    /** Epoch milliseconds as an Instant, for formatting. */
    static Instant instant(long ms) {
        return Instant.ofEpochMilli(ms);
    }
}
