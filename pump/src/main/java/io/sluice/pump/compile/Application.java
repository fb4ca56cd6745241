package io.sluice.pump.compile;

import io.sluice.pump.sql.Ast;
import io.sluice.pump.sql.Parser;
import io.sluice.pump.sql.Position;
import io.sluice.pump.sql.PumpSqlException;
import io.sluice.pump.sql.SqlText;
import io.sluice.pump.type.SqlType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A parsed and checked KDA application: its streams, and the chain of pumps that leads from the source stream
 * to the destination stream. {@link #compile(List)} type-checks that chain against the source stream's columns
 * and produces a {@link Pipeline}; it is called once at configure time when the source columns are declared,
 * or once per distinct input schema when they are inferred.
 *
 * <p>The transform emits at most one record per input record, so the pumps on the path must form a chain:
 * each stream on it is fed by exactly one pump. Pumps off the path (feeding other output streams) are not run.
 */
public final class Application {

    /** The source stream name KDA gives the application input. */
    public static final String DEFAULT_SOURCE = "SOURCE_SQL_STREAM_001";

    private final String sql;
    private final String sourceName;
    private final Map<String, Ast.CreateStream> streams;
    private final List<Ast.CreatePump> chain;
    private final String destination;
    private final List<Scope.Column> declaredSource;

    private Application(String sql, String sourceName, Map<String, Ast.CreateStream> streams,
                         List<Ast.CreatePump> chain, String destination, List<Scope.Column> declaredSource) {
        this.sql = sql;
        this.sourceName = sourceName;
        this.streams = streams;
        this.chain = chain;
        this.destination = destination;
        this.declaredSource = declaredSource;
    }

    /**
     * Parses and checks {@code sql}.
     *
     * @param sourceName    the source stream's name (KDA: SOURCE_SQL_STREAM_001)
     * @param destination   the destination stream, or null to take the one stream no pump reads from
     * @param sourceColumns the source columns declared outside the SQL (transform config), or null
     * @throws PumpSqlException with position, source line and hint
     */
    public static Application parse(String sql, String sourceName, String destination,
                                    List<Ast.ColumnDef> sourceColumns) {
        Ast.Program program = Parser.parse(sql);
        Map<String, Ast.CreateStream> streams = new LinkedHashMap<>();
        List<Ast.CreatePump> pumps = new ArrayList<>();
        Set<String> pumpNames = new HashSet<>();
        for (Ast.Statement st : program.statements()) {
            if (st instanceof Ast.CreateStream cs) {
                checkColumns(sql, cs.columns());
                streams.put(cs.name().name(), cs);
            } else {
                Ast.CreatePump p = (Ast.CreatePump) st;
                if (!pumpNames.add(p.name().name())) {
                    pumps.removeIf(old -> old.name().name().equals(p.name().name()));
                }
                pumps.add(p);
            }
        }
        List<Scope.Column> declared = null;
        if (sourceColumns != null) {
            checkColumns(sql, sourceColumns);
            declared = columns(sourceColumns);
        }
        Ast.CreateStream sourceDecl = streams.get(sourceName);
        if (sourceDecl != null) {
            declared = columns(sourceDecl.columns());
        }
        if (pumps.isEmpty()) {
            throw new PumpSqlException("no pump: nothing inserts into a stream", new Position(1, 1, 0),
                    "add CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO \"DESTINATION\" SELECT STREAM * FROM \""
                            + sourceName + "\"", sql);
        }
        for (Ast.CreatePump p : pumps) {
            String target = p.target().name();
            if (target.equals(sourceName)) {
                throw new PumpSqlException("pump " + Names.quote(p.name().name())
                        + " inserts into the source stream " + Names.quote(sourceName),
                        p.target().position(), "insert into a stream declared with CREATE OR REPLACE STREAM", sql);
            }
            if (!streams.containsKey(target)) {
                throw new PumpSqlException("Stream " + show(p.target()) + " does not exist", p.target().position(),
                        hintForStream(p.target(), streams.keySet(), "declare it: CREATE OR REPLACE STREAM "
                                + Names.quote(target) + " (...)"), sql);
            }
            String from = p.select().from().name();
            if (!from.equals(sourceName) && !streams.containsKey(from)) {
                Set<String> known = new HashSet<>(streams.keySet());
                known.add(sourceName);
                throw new PumpSqlException("Stream " + show(p.select().from()) + " does not exist",
                        p.select().from().position(), hintForStream(p.select().from(), known,
                                "the source stream is " + Names.quote(sourceName)), sql);
            }
            if (p.columns() != null) {
                Ast.CreateStream ts = streams.get(target);
                Set<String> seen = new HashSet<>();
                for (Ast.Identifier c : p.columns()) {
                    if (ts.columns().stream().noneMatch(d -> d.name().name().equals(c.name()))) {
                        throw new PumpSqlException("Column " + show(c) + " does not exist in stream "
                                + Names.quote(target), c.position(), columnHint(c, ts), sql);
                    }
                    if (!seen.add(c.name())) {
                        throw new PumpSqlException("Column " + show(c) + " is listed twice", c.position(), null, sql);
                    }
                }
            }
        }
        String dest = destination == null || destination.isEmpty() ? findDestination(sql, pumps, sourceName)
                : destination;
        if (!streams.containsKey(dest)) {
            throw new PumpSqlException("destination stream " + Names.quote(dest) + " is not declared",
                    new Position(1, 1, 0), "declared streams: " + quoteAll(streams.keySet()), sql);
        }
        List<Ast.CreatePump> chain = chain(sql, pumps, sourceName, dest);
        return new Application(sql, sourceName, streams, chain, dest, declared);
    }

    private static String show(Ast.Identifier id) {
        return id.quoted() ? Names.quote(id.name()) : id.name();
    }

    private static String quoteAll(Set<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add(Names.quote(n));
        }
        return String.join(", ", q);
    }

    private static String hintForStream(Ast.Identifier id, Set<String> known, String fallback) {
        for (String k : known) {
            if (k.equalsIgnoreCase(id.name())) {
                return id.quoted() ? "quoted names are case-sensitive; did you mean " + Names.quote(k) + "?"
                        : "unquoted names are upper-cased; did you mean " + Names.quote(k) + "?";
            }
        }
        return fallback;
    }

    private static String columnHint(Ast.Identifier c, Ast.CreateStream ts) {
        for (Ast.ColumnDef d : ts.columns()) {
            if (d.name().name().equalsIgnoreCase(c.name())) {
                return "did you mean " + Names.quote(d.name().name()) + "?";
            }
        }
        return null;
    }

    private static void checkColumns(String sql, List<Ast.ColumnDef> columns) {
        Set<String> seen = new HashSet<>();
        for (Ast.ColumnDef c : columns) {
            if (!seen.add(c.name().name())) {
                throw new PumpSqlException("Column " + show(c.name()) + " is declared twice", c.position(), null, sql);
            }
        }
    }

    private static List<Scope.Column> columns(List<Ast.ColumnDef> defs) {
        List<Scope.Column> out = new ArrayList<>();
        for (Ast.ColumnDef d : defs) {
            out.add(new Scope.Column(d.name().name(), d.type()));
        }
        return out;
    }

    private static String findDestination(String sql, List<Ast.CreatePump> pumps, String sourceName) {
        Set<String> read = new HashSet<>();
        for (Ast.CreatePump p : pumps) {
            read.add(p.select().from().name());
        }
        List<String> candidates = new ArrayList<>();
        for (Ast.CreatePump p : pumps) {
            String t = p.target().name();
            if (!read.contains(t) && !candidates.contains(t)) {
                candidates.add(t);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new PumpSqlException("no destination: every stream a pump writes is read by another pump (a cycle)",
                    pumps.get(0).position(), "set pump.destination.stream", sql);
        }
        throw new PumpSqlException("more than one destination stream: " + String.join(", ",
                candidates.stream().map(Names::quote).toList()), pumps.get(0).position(),
                "choose one with pump.destination.stream (--destination in the preview)", sql);
    }

    private static List<Ast.CreatePump> chain(String sql, List<Ast.CreatePump> pumps, String sourceName, String dest) {
        List<Ast.CreatePump> reversed = new ArrayList<>();
        String stream = dest;
        Set<String> visited = new HashSet<>();
        while (!stream.equals(sourceName)) {
            if (!visited.add(stream)) {
                throw new PumpSqlException("pumps form a cycle through stream " + Names.quote(stream),
                        reversed.get(reversed.size() - 1).position(), null, sql);
            }
            List<Ast.CreatePump> feeding = new ArrayList<>();
            for (Ast.CreatePump p : pumps) {
                if (p.target().name().equals(stream)) {
                    feeding.add(p);
                }
            }
            if (feeding.isEmpty()) {
                throw new PumpSqlException("no pump inserts into stream " + Names.quote(stream)
                        + ", so nothing reaches the destination " + Names.quote(dest),
                        new Position(1, 1, 0), "add a pump: INSERT INTO " + Names.quote(stream)
                                + " SELECT STREAM ... FROM " + Names.quote(sourceName), sql);
            }
            if (feeding.size() > 1) {
                throw new PumpSqlException("stream " + Names.quote(stream) + " is fed by "
                        + feeding.size() + " pumps (" + String.join(", ", feeding.stream()
                        .map(p -> Names.quote(p.name().name())).toList()) + "), but a transform emits at"
                        + " most one record per input record", feeding.get(1).position(),
                        "combine them into one pump with OR in WHERE and CASE in SELECT, or run one transform per"
                                + " pump", sql);
            }
            reversed.add(feeding.get(0));
            stream = feeding.get(0).select().from().name();
        }
        List<Ast.CreatePump> chain = new ArrayList<>();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            chain.add(reversed.get(i));
        }
        return chain;
    }

    public String sql() {
        return sql;
    }

    public String sourceName() {
        return sourceName;
    }

    public String destination() {
        return destination;
    }

    /** The pumps that run, in order. */
    public List<String> pumpNames() {
        return chain.stream().map(p -> p.name().name()).toList();
    }

    /** The source columns when declared (SQL or config), else null: they are then inferred from the input. */
    public List<Scope.Column> declaredSourceColumns() {
        return declaredSource;
    }

    /** The destination stream's columns: the shape of every output row. */
    public List<Scope.Column> destinationColumns() {
        return columns(streams.get(destination).columns());
    }

    /**
     * Type-checks the pump chain against the source stream's columns and compiles it.
     *
     * @throws PumpSqlException for unknown columns, type mismatches, INSERT lists that do not fit
     */
    public Pipeline compile(List<Scope.Column> sourceColumns) {
        List<Stage> stages = new ArrayList<>();
        BitSet usedSource = null;
        List<Scope.Column> current = sourceColumns;
        String currentName = sourceName;
        for (Ast.CreatePump p : chain) {
            Ast.Select select = p.select();
            String alias = select.alias() == null ? null : select.alias().name();
            Scope scope = new Scope(currentName, alias, current, currentName.equals(sourceName));
            ExpressionCompiler compiler = new ExpressionCompiler(sql, scope);
            DescribedTerm where = select.where() == null ? null : new DescribedTerm(
                    compiler.condition(select.where(), "WHERE").term(), SqlText.of(select.where()), SqlType.BOOLEAN);

            List<Typed> values = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Position> positions = new ArrayList<>();
            boolean star = false;
            for (Ast.SelectItem item : select.items()) {
                if (item.isStar()) {
                    star = true;
                    for (int i = 0; i < current.size(); i++) {
                        int index = i;
                        values.add(new Typed(row -> row.get(index), current.get(i).type(), false));
                        texts.add(Names.quote(current.get(i).name()));
                        positions.add(item.position());
                    }
                } else {
                    values.add(compiler.compile(item.expr()));
                    texts.add(SqlText.of(item.expr()));
                    positions.add(item.expr().position());
                }
            }
            Ast.CreateStream target = streams.get(p.target().name());
            List<Ast.ColumnDef> targetColumns = target.columns();
            List<Integer> targetIndexes = new ArrayList<>();
            if (p.columns() == null) {
                for (int i = 0; i < targetColumns.size(); i++) {
                    targetIndexes.add(i);
                }
            } else {
                for (Ast.Identifier c : p.columns()) {
                    for (int i = 0; i < targetColumns.size(); i++) {
                        if (targetColumns.get(i).name().name().equals(c.name())) {
                            targetIndexes.add(i);
                        }
                    }
                }
            }
            if (values.size() != targetIndexes.size()) {
                String what = p.columns() == null ? "stream " + Names.quote(target.name().name()) + " has "
                        + targetColumns.size() + " column" + (targetColumns.size() == 1 ? "" : "s")
                        : "the INSERT lists " + targetIndexes.size() + " column" + (targetIndexes.size() == 1 ? "" : "s");
                throw new PumpSqlException("INSERT INTO " + Names.quote(target.name().name()) + ": "
                        + what + " but the SELECT gives " + values.size() + " value" + (values.size() == 1 ? "" : "s"),
                        select.position(), p.columns() == null
                        ? "list the target columns: INSERT INTO \"S\" (\"a\", \"b\") SELECT STREAM ..." : null, sql);
            }
            DescribedTerm[] projections = new DescribedTerm[targetColumns.size()];
            for (int i = 0; i < values.size(); i++) {
                Ast.ColumnDef col = targetColumns.get(targetIndexes.get(i));
                Typed v = values.get(i);
                if (!Conversions.assignable(v.type(), col.type())) {
                    throw new PumpSqlException("Cannot insert " + v.type() + " into column "
                            + Names.quote(col.name().name()) + " " + col.type() + " of stream "
                            + Names.quote(target.name().name()), positions.get(i),
                            Conversions.castable(v.type(), col.type()) ? "convert it: CAST(... AS " + col.type() + ")"
                                    : null, sql);
                }
                UnaryOperator<Object> conv = Conversions.converter(v.type(), col.type(), false);
                Term inner = v.term();
                Term converted = conv == null ? inner : row -> {
                    Object x = inner.eval(row);
                    return x == null ? null : conv.apply(x);
                };
                projections[targetIndexes.get(i)] = new DescribedTerm(converted, texts.get(i), v.type());
            }
            stages.add(new Stage(p.name().name(), currentName, target.name().name(), columns(targetColumns), where,
                    projections));
            if (usedSource == null) {
                usedSource = compiler.usedColumns();
                if (star) {
                    usedSource.set(0, current.size());
                }
            }
            current = columns(targetColumns);
            currentName = target.name().name();
        }
        return new Pipeline(stages, usedSource, sourceName, sourceColumns);
    }

    /** The declared type of a destination column, for callers building output schemas. */
    public static SqlType typeOf(Scope.Column column) {
        return column.type();
    }
}
