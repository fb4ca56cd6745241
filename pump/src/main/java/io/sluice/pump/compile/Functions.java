package io.sluice.pump.compile;

import com.google.re2j.Pattern;
import io.sluice.pump.sql.Ast;
import io.sluice.pump.sql.Position;
import io.sluice.pump.type.SqlType;
import io.sluice.pump.type.SqlType.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The scalar functions of KDA SQL, each type-checked and compiled to a {@link Term} once. Every function
 * returns NULL when an argument is NULL (COALESCE and NULLIF aside).
 */
final class Functions {

    private interface Compiler {
        Typed compile(Call call);
    }

    /** A call being compiled: its arguments compiled in order, with their AST nodes for positions. */
    private static final class Call {
        final ExpressionCompiler c;
        final Ast.Call ast;
        final List<Typed> args = new ArrayList<>();

        Call(ExpressionCompiler c, Ast.Call ast) {
            this.c = c;
            this.ast = ast;
            for (Ast.Expr e : ast.arguments()) {
                args.add(e instanceof Ast.Keyword ? null : c.compile(e));
            }
        }

        boolean constant() {
            for (Typed t : args) {
                if (t != null && !t.constant()) {
                    return false;
                }
            }
            return true;
        }

        Position at(int i) {
            return ast.arguments().get(i).position();
        }

        RuntimeException error(String reason, int arg, String hint) {
            return c.error(reason, arg < 0 ? ast.position() : at(arg), hint);
        }

        void arity(int min, int max, String usage) {
            int n = args.size();
            if (n < min || n > max) {
                throw c.error(ast.name() + " takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                        + " argument" + (max == 1 ? "" : "s") + ", got " + n, ast.position(), "usage: " + usage);
            }
        }

        Typed arg(int i) {
            return args.get(i);
        }

        String keyword(int i) {
            return ((Ast.Keyword) ast.arguments().get(i)).word();
        }

        boolean isKeyword(int i) {
            return ast.arguments().get(i) instanceof Ast.Keyword;
        }

        Term string(int i) {
            Typed t = args.get(i);
            if (t == null || !t.type().isString() && !t.type().isNull()) {
                throw error(ast.name() + " expects a VARCHAR as argument " + (i + 1) + ", got "
                        + (t == null ? "a keyword" : t.type()), i, "convert it with CAST(... AS VARCHAR(n))");
            }
            return t.term();
        }

        Term integer(int i) {
            Typed t = args.get(i);
            if (t == null || !t.type().isExactInteger() && !t.type().isNull()) {
                throw error(ast.name() + " expects an integer as argument " + (i + 1) + ", got "
                        + (t == null ? "a keyword" : t.type()), i, null);
            }
            return t.term();
        }

        Typed numeric(int i) {
            Typed t = args.get(i);
            if (t == null || !t.type().isNumeric() && !t.type().isNull()) {
                throw error(ast.name() + " expects a number as argument " + (i + 1) + ", got "
                        + (t == null ? "a keyword" : t.type()), i, null);
            }
            return t;
        }

        Term asDouble(int i) {
            return c.convertTerm(numeric(i), SqlType.DOUBLE);
        }

        Term timestamp(int i) {
            Typed t = args.get(i);
            if (t == null || !(t.type().kind() == Kind.TIMESTAMP || t.type().kind() == Kind.DATE)
                    && !t.type().isNull()) {
                throw error(ast.name() + " expects a TIMESTAMP as argument " + (i + 1) + ", got "
                        + (t == null ? "a keyword" : t.type()), i, null);
            }
            return t.term();
        }

        String constantString(int i, String what) {
            Typed t = args.get(i);
            string(i);
            if (!t.constant()) {
                return null;
            }
            Object v = t.constantValue();
            if (v == null) {
                throw error(what + " must not be NULL", i, null);
            }
            return (String) v;
        }
    }

    private static final Map<String, Compiler> FUNCTIONS = new TreeMap<>();
    private static final Map<String, String> USAGE = new TreeMap<>();

    private static void register(String name, String usage, Compiler compiler) {
        FUNCTIONS.put(name, compiler);
        USAGE.put(name, usage);
    }

    /** Function name → usage, for documentation. */
    static Map<String, String> usage() {
        return USAGE;
    }

    private static final Set<String> DETERMINISTIC_EXCEPTIONS = Set.of("CURRENT_TIMESTAMP", "CURRENT_ROW_TIMESTAMP",
            "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME");

    static Typed compile(ExpressionCompiler c, Ast.Call ast) {
        Compiler f = FUNCTIONS.get(ast.name());
        if (f == null) {
            String near = null;
            int best = 3;
            for (String name : FUNCTIONS.keySet()) {
                int d = ExpressionCompiler.distance(ast.name(), name);
                if (d < best) {
                    best = d;
                    near = name;
                }
            }
            throw c.error("Unknown function " + ast.name(), ast.position(),
                    near != null ? "did you mean " + near + "?" : "functions: " + String.join(", ", FUNCTIONS.keySet()));
        }
        Call call = new Call(c, ast);
        Typed t = f.compile(call);
        boolean constant = !DETERMINISTIC_EXCEPTIONS.contains(ast.name()) && call.constant();
        return new Typed(t.term(), t.type(), constant);
    }

    // ---- helpers building null-propagating terms

    static Term strict(Term a, Function<Object, Object> f) {
        return row -> {
            Object x = a.eval(row);
            return x == null ? null : f.apply(x);
        };
    }

    private interface F2 {
        Object apply(Object a, Object b);
    }

    private interface F3 {
        Object apply(Object a, Object b, Object c);
    }

    static Term strict(Term a, Term b, F2 f) {
        return row -> {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row);
            return y == null ? null : f.apply(x, y);
        };
    }

    static Term strict(Term a, Term b, Term c, F3 f) {
        return row -> {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row);
            if (y == null) {
                return null;
            }
            Object z = c.eval(row);
            return z == null ? null : f.apply(x, y, z);
        };
    }

    private static Typed typed(Term t, SqlType type) {
        return new Typed(t, type, false);
    }

    private static int len(SqlType t) {
        return t.isString() ? t.length() : SqlType.MAX_VARCHAR;
    }

    private static PumpRecordException invalid(String message) {
        return new PumpRecordException(PumpRecordException.INVALID_ARGUMENT, message);
    }

    static {
        // ---- strings
        Compiler charLength = call -> {
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

        // ---- numbers
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
        register("CEIL", "CEIL(number) or CEIL(timestamp TO unit); CEILING is the same", call -> roundDown(call, false));
        register("EXP", "EXP(number) → DOUBLE", call -> {
            call.arity(1, 1, "EXP(number)");
            return typed(strict(call.asDouble(0), v -> Math.exp((Double) v)), SqlType.DOUBLE);
        });
        register("LN", "LN(number) → DOUBLE; the argument must be positive", call -> {
            call.arity(1, 1, "LN(number)");
            return typed(strict(call.asDouble(0), v -> {
                if ((Double) v <= 0) {
                    throw invalid("LN(" + v + "): the argument must be positive");
                }
                return Math.log((Double) v);
            }), SqlType.DOUBLE);
        });
        register("LOG10", "LOG10(number) → DOUBLE; the argument must be positive", call -> {
            call.arity(1, 1, "LOG10(number)");
            return typed(strict(call.asDouble(0), v -> {
                if ((Double) v <= 0) {
                    throw invalid("LOG10(" + v + "): the argument must be positive");
                }
                return Math.log10((Double) v);
            }), SqlType.DOUBLE);
        });
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

        // ---- NULL handling
        register("COALESCE", "COALESCE(a, b, ...) → the first non-NULL argument", call -> {
            if (call.args.isEmpty()) {
                call.arity(1, Integer.MAX_VALUE, "COALESCE(a, b, ...)");
            }
            List<SqlType> types = new ArrayList<>();
            for (int i = 0; i < call.args.size(); i++) {
                if (call.arg(i) == null) {
                    throw call.error("COALESCE expects values", i, null);
                }
                types.add(call.arg(i).type());
            }
            SqlType type = unify(call, types, "COALESCE");
            Term[] terms = new Term[call.args.size()];
            for (int i = 0; i < terms.length; i++) {
                terms[i] = call.c.convertTerm(call.arg(i), type);
            }
            return typed(row -> {
                for (Term t : terms) {
                    Object v = t.eval(row);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }, type);
        });
        register("NULLIF", "NULLIF(a, b) → NULL when a = b, else a", call -> {
            call.arity(2, 2, "NULLIF(a, b)");
            Typed a = call.arg(0);
            Typed b = call.arg(1);
            ExpressionCompiler.Compare cmp = call.c.comparable(a.type(), b.type(), "NULLIF", call.ast.position());
            Term at = a.term();
            Term bt = b.term();
            return typed(row -> {
                Object x = at.eval(row);
                if (x == null) {
                    return null;
                }
                Object y = bt.eval(row);
                return y != null && cmp.compare(x, y) == 0 ? null : x;
            }, a.type());
        });

        // ---- time
        Compiler now = call -> {
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
        Compiler currentTime = call -> {
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
                    String constant = call.constantString(0, "the format");
                    DateTimeFormatter fixed = constant == null ? null : formatter(call, constant);
                    Term fmt = call.string(0);
                    Term ts = call.timestamp(1);
                    return typed(strict(fmt, ts, (f, t) -> (fixed != null ? fixed : formatterAtRuntime((String) f))
                            .format(Instant.ofEpochMilli((Long) t))), SqlType.VARCHAR_MAX);
                });
        register("CHAR_TO_TIMESTAMP", "CHAR_TO_TIMESTAMP(format, string) → TIMESTAMP; format as"
                + " java.text.SimpleDateFormat, UTC", call -> {
                    call.arity(2, 2, "CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', string)");
                    String constant = call.constantString(0, "the format");
                    DateTimeFormatter fixed = constant == null ? null : formatter(call, constant);
                    Term fmt = call.string(0);
                    Term s = call.string(1);
                    return typed(strict(fmt, s, (f, x) -> parseWith(fixed != null ? fixed
                            : formatterAtRuntime((String) f), (String) x, (String) f)), SqlType.TIMESTAMP);
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

    private static SqlType unify(Call call, List<SqlType> types, String what) {
        try {
            return ExpressionCompiler.unify(types);
        } catch (IllegalArgumentException e) {
            throw call.error(what + " arguments have incompatible types: " + e.getMessage(), -1,
                    "CAST them to one type");
        }
    }

    private static Typed roundDown(Call call, boolean floor) {
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
                long down = ExpressionCompiler.floorTo(ms, unit);
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

    private static DateTimeFormatter formatter(Call call, String pattern) {
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
}
