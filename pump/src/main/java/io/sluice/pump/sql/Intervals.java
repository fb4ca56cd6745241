package io.sluice.pump.sql;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text of INTERVAL literals into milliseconds (day-time) or months (year-month). */
final class Intervals {

    private static final List<String> UNITS = List.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");
    private static final long[] MILLIS = {0, 0, 86_400_000L, 3_600_000L, 60_000L, 1_000L};

    private Intervals() {
    }

    /**
     * {@code text} in the form the units call for: {@code '5'} for a single unit, {@code '1-6'} YEAR TO MONTH,
     * {@code '1 02:03:04.5'} DAY TO SECOND, {@code '02:03'} HOUR TO MINUTE, and so on.
     */
    static long parse(String text, String from, String to) {
        int first = UNITS.indexOf(from);
        int last = UNITS.indexOf(to);
        if (first <= 1) {
            Matcher m = Pattern.compile(last == 1 && first == 0 ? "(\\d+)-(\\d+)" : "(\\d+)").matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(first == 0 && last == 1 ? "write 'years-months', e.g. '1-6'"
                        : "write a whole number, e.g. '3'");
            }
            long v = Long.parseLong(m.group(1));
            if (first == 0 && last == 1) {
                return v * 12 + Long.parseLong(m.group(2));
            }
            return first == 0 ? v * 12 : v;
        }
        // Day-time: fields separated by ' ' (after DAY) and ':' (after HOUR/MINUTE); SECOND may have a fraction.
        String[] parts = text.split("[ :]");
        if (parts.length != last - first + 1) {
            throw new IllegalArgumentException("expected " + (last - first + 1) + " field(s) for " + from
                    + (from.equals(to) ? "" : " TO " + to));
        }
        long total = 0;
        for (int i = 0; i < parts.length; i++) {
            int unit = first + i;
            String part = parts[i];
            if (unit == 5) {
                if (!part.matches("\\d+(\\.\\d{1,3})?")) {
                    throw new IllegalArgumentException("seconds take at most 3 decimals, e.g. '1.5'");
                }
                total += Math.round(Double.parseDouble(part) * 1000);
            } else {
                if (!part.matches("\\d+")) {
                    throw new IllegalArgumentException("'" + part + "' is not a whole number");
                }
                total += Long.parseLong(part) * MILLIS[unit];
            }
        }
        return total;
    }
}
