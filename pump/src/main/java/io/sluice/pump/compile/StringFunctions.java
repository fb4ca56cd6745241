package io.sluice.pump.compile;

import static io.sluice.pump.compile.Functions.register;
import static io.sluice.pump.compile.Terms.invalid;
import static io.sluice.pump.compile.Terms.strict;
import static io.sluice.pump.compile.Terms.typed;

import com.google.re2j.Pattern;
import io.sluice.pump.type.SqlType;
import java.util.Locale;

/** The string functions: lengths, case, TRIM, SUBSTRING, POSITION, OVERLAY, REGEX_REPLACE. */
final class StringFunctions {

    private StringFunctions() {
    }

    static void registerAll() {
        Functions.FunctionCompiler charLength = call -> {
            call.arity(1, 1, call.ast.name() + "(string)");
            return typed(strict(call.string(0), v -> (long) ((String) v).codePointCount(0, ((String) v).length())),
                    SqlType.INTEGER);
        };
        register("CHAR_LENGTH", "CHAR_LENGTH(string) → INTEGER", charLength);
        register("CHARACTER_LENGTH", "CHARACTER_LENGTH(string) → INTEGER", charLength);
        register("UPPER", "UPPER(string) → VARCHAR", call -> {
            call.arity(1, 1, "UPPER(string)");
            return typed(strict(call.string(0), v -> ((String) v).toUpperCase(Locale.ROOT)), call.arg(0).type());
        });
        register("LOWER", "LOWER(string) → VARCHAR", call -> {
            call.arity(1, 1, "LOWER(string)");
            return typed(strict(call.string(0), v -> ((String) v).toLowerCase(Locale.ROOT)), call.arg(0).type());
        });
        register("INITCAP", "INITCAP(string) → VARCHAR: first letter of each word upper-case, the rest lower",
                call -> {
                    call.arity(1, 1, "INITCAP(string)");
                    return typed(strict(call.string(0), v -> initcap((String) v)), call.arg(0).type());
                });
        register("TRIM", "TRIM([BOTH|LEADING|TRAILING] [chars] FROM string) → VARCHAR", call -> {
            // The parser normalises TRIM to (mode keyword, characters, string).
            String mode = call.keyword(0);
            Term chars = call.string(1);
            Term s = call.string(2);
            boolean leading = !mode.equals("TRAILING");
            boolean trailing = !mode.equals("LEADING");
            return typed(strict(chars, s, (x, y) -> trim((String) y, (String) x, leading, trailing)),
                    SqlType.varchar(len(call.arg(2).type())));
        });
        register("SUBSTRING", "SUBSTRING(string FROM start [FOR length]) or SUBSTRING(string, start [, length])",
                call -> {
                    call.arity(2, 3, "SUBSTRING(string FROM start [FOR length])");
                    Term s = call.string(0);
                    Term from = call.integer(1);
                    SqlType type = SqlType.varchar(len(call.arg(0).type()));
                    if (call.args.size() == 2) {
                        return typed(strict(s, from, (x, y) -> substring((String) x, (Long) y, null)), type);
                    }
                    Term count = call.integer(2);
                    return typed(strict(s, from, count, (x, y, z) -> substring((String) x, (Long) y, (Long) z)), type);
                });
        register("POSITION", "POSITION(needle IN haystack [FROM start]) → INTEGER, 0 when absent", call -> {
            call.arity(2, 3, "POSITION(needle IN haystack)");
            Term needle = call.string(0);
            Term haystack = call.string(1);
            if (call.args.size() == 2) {
                return typed(strict(needle, haystack, (x, y) -> (long) ((String) y).indexOf((String) x) + 1),
                        SqlType.INTEGER);
            }
            Term from = call.integer(2);
            return typed(strict(needle, haystack, from, (x, y, z) -> {
                long start = Math.max(1, (Long) z);
                if (start > ((String) y).length() + 1) {
                    return 0L;
                }
                return (long) ((String) y).indexOf((String) x, (int) start - 1) + 1;
            }), SqlType.INTEGER);
        });
        register("OVERLAY", "OVERLAY(string PLACING replacement FROM start [FOR length]) → VARCHAR", call -> {
            call.arity(3, 4, "OVERLAY(string PLACING replacement FROM start [FOR length])");
            Term s = call.string(0);
            Term r = call.string(1);
            Term from = call.integer(2);
            Term count = call.args.size() == 4 ? call.integer(3) : null;
            SqlType type = SqlType.varchar(Math.min(SqlType.MAX_VARCHAR,
                    len(call.arg(0).type()) + len(call.arg(1).type())));
            return typed(row -> {
                Object x = s.eval(row);
                Object y = r.eval(row);
                Object z = from.eval(row);
                Object n = count == null ? (Object) (long) (y == null ? 0 : ((String) y).length()) : count.eval(row);
                if (x == null || y == null || z == null || n == null) {
                    return null;
                }
                String str = (String) x;
                long start = (Long) z;
                return substring(str, 1L, start - 1) + y + substring(str, start + (Long) n, null);
            }, type);
        });
        register("REGEX_REPLACE", "REGEX_REPLACE(string, regex, replacement [, start, occurrence]) → VARCHAR;"
                + " occurrence 0 replaces all", call -> {
                    call.arity(3, 5, "REGEX_REPLACE(string, regex, replacement [, start, occurrence])");
                    if (call.args.size() == 4) {
                        throw call.error("REGEX_REPLACE takes 3 or 5 arguments, got 4", -1,
                                "usage: REGEX_REPLACE(string, regex, replacement, start, occurrence)");
                    }
                    Term s = call.string(0);
                    Term re = call.string(1);
                    Term rep = call.string(2);
                    Term start = call.args.size() == 5 ? call.integer(3) : row -> 1L;
                    Term occurrence = call.args.size() == 5 ? call.integer(4) : row -> 0L;
                    String constant = call.constantString(1, "the regex");
                    Pattern fixed = null;
                    if (constant != null) {
                        try {
                            fixed = RegexReplace.compile(constant);
                        } catch (Patterns.BadPattern e) {
                            throw call.error(e.getMessage(), 1, null);
                        }
                    }
                    Pattern pattern = fixed;
                    // A regex from the record: compile each distinct one once.
                    PatternCache<Pattern> patterns = new PatternCache<>((regex, none) -> RegexReplace.compile(regex));
                    return typed(row -> {
                        Object x = s.eval(row);
                        Object r = re.eval(row);
                        Object y = rep.eval(row);
                        Object st = start.eval(row);
                        Object oc = occurrence.eval(row);
                        if (x == null || r == null || y == null || st == null || oc == null) {
                            return null;
                        }
                        Pattern p;
                        try {
                            p = pattern != null ? pattern : patterns.get((String) r, null);
                        } catch (Patterns.BadPattern e) {
                            throw invalid(e.getMessage());
                        }
                        return RegexReplace.replace((String) x, p, (String) y, (Long) st, (Long) oc);
                    }, SqlType.VARCHAR_MAX);
                });
    }

    private static int len(SqlType t) {
        return t.isString() ? t.length() : SqlType.MAX_VARCHAR;
    }

    static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = false;
            } else {
                sb.append(c);
                start = true;
            }
        }
        return sb.toString();
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        if (chars.length() != 1) {
            throw invalid("TRIM characters must be exactly one character, got '" + chars + "'");
        }
        char c = chars.charAt(0);
        int begin = 0;
        int end = s.length();
        if (leading) {
            while (begin < end && s.charAt(begin) == c) {
                begin++;
            }
        }
        if (trailing) {
            while (end > begin && s.charAt(end - 1) == c) {
                end--;
            }
        }
        return s.substring(begin, end);
    }

    /** SQL SUBSTRING: 1-based start, which may be before the string; a negative length is an error. */
    static String substring(String s, Long start, Long length) {
        long begin = start;
        long end;
        if (length == null) {
            end = Long.MAX_VALUE;
        } else {
            if (length < 0) {
                throw invalid("SUBSTRING length must not be negative, got " + length);
            }
            end = begin + length;
        }
        long from = Math.max(begin, 1);
        long to = Math.min(end, (long) s.length() + 1);
        if (to <= from) {
            return "";
        }
        return s.substring((int) from - 1, (int) to - 1);
    }
}
