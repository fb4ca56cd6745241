package io.sluice.pump.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.pump.Pump;
import io.sluice.pump.PumpConfig;
import io.sluice.pump.compile.Conversions;
import io.sluice.pump.compile.PumpRecordException;
import io.sluice.pump.sql.PumpSqlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pump preview: runs an application's SQL on JSON lines and prints the destination rows as JSON lines,
 * exactly as the transform would filter and type them. Used by {@code bin/sluice pump}.
 *
 * <pre>
 *   bin/sluice pump --sql FILE [--input FILE] [--errors fail|skip|route] [--explain]
 *                   [--source-columns 'COLS'] [--path column=$.a.b]... [--source-stream NAME] [--destination NAME]
 * </pre>
 * With {@code --explain} it prints the plan instead (the columns read, each pump's WHERE and what each column it
 * fills is computed from, with types), for the declared source columns or else those of the first input record.
 * Exit codes: 0 done; 1 a record failed under {@code --errors fail}; 2 the SQL is wrong (message with
 * line:column, the line, a caret and a hint on stderr); 64 bad usage.
 */
public final class PumpPreview {

    static final int EXIT_OK = 0;
    static final int EXIT_RECORD_FAILED = 1;
    static final int EXIT_SQL_ERROR = 2;
    static final int EXIT_USAGE = 64;

    private static final String USAGE = "usage: sluice pump --sql FILE [--input FILE] [--errors fail|skip|route]"
            + " [--explain]\n"
            + "                   [--source-columns 'COLUMNS'] [--path column=$.a.b]... [--source-stream NAME]"
            + " [--destination NAME]\n"
            + "Runs a Kinesis Data Analytics SQL pump on JSON lines (stdin by default) and prints the destination"
            + " rows as JSON lines; with --explain, prints the plan it runs instead.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PumpPreview() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the preview; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String sqlFile = null;
        String input = null;
        PumpConfig.ErrorMode errors = PumpConfig.ErrorMode.FAIL;
        Pump.Options options = Pump.Options.defaults();
        Map<String, String> paths = new LinkedHashMap<>();
        boolean explain = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--sql":
                        sqlFile = value(args, ++i, a);
                        break;
                    case "--input":
                        input = value(args, ++i, a);
                        break;
                    case "--explain":
                        explain = true;
                        break;
                    case "--errors":
                        errors = PumpConfig.ErrorMode.parse(value(args, ++i, a));
                        break;
                    case "--source-columns":
                        options = options.withSourceColumns(value(args, ++i, a));
                        break;
                    case "--source-stream":
                        options = options.withSourceStream(value(args, ++i, a));
                        break;
                    case "--destination":
                        options = options.withDestination(value(args, ++i, a));
                        break;
                    case "--path": {
                        String p = value(args, ++i, a);
                        int eq = p.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--path takes column=$.path, got '" + p + "'");
                        }
                        paths.put(p.substring(0, eq), p.substring(eq + 1));
                        break;
                    }
                    case "-h":
                    case "--help":
                        out.println(USAGE);
                        return EXIT_OK;
                    default:
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (sqlFile == null) {
                throw new IllegalArgumentException("--sql FILE is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("sluice pump: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        options = options.withSourcePaths(paths);

        String sql;
        try {
            sql = Files.readString(Path.of(sqlFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("sluice pump: cannot read " + sqlFile + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        Pump pump;
        try {
            pump = Pump.compile(sql, options);
        } catch (PumpSqlException e) {
            err.println(sqlFile + ": " + e.getMessage());
            return EXIT_SQL_ERROR;
        }
        if (explain) {
            return explain(pump, sqlFile, input, stdin, out, err);
        }
        long skipped = 0;
        try (BufferedReader reader = input == null
                ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                long now = System.currentTimeMillis();
                Object[] row;
                try {
                    row = pump.evaluate(line, null, now, null);
                } catch (PumpSqlException e) {
                    err.println(sqlFile + ": " + e.getMessage());
                    return EXIT_SQL_ERROR;
                } catch (PumpRecordException e) {
                    String where = (input == null ? "<stdin>" : input) + ":" + lineNo;
                    switch (errors) {
                        case SKIP:
                            skipped++;
                            continue;
                        case ROUTE:
                            err.println(errorRow(e, line, now));
                            continue;
                        default:
                            err.println(where + ": " + e.errorName() + (e.pumpName() == null ? "" : " in pump \""
                                    + e.pumpName() + "\"") + ": " + e.getMessage());
                            return EXIT_RECORD_FAILED;
                    }
                }
                if (row != null) {
                    out.println(JSON.writeValueAsString(pump.toJson(row)));
                }
            }
        } catch (IOException e) {
            err.println("sluice pump: cannot read input: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (skipped > 0) {
            err.println("sluice pump: skipped " + skipped + " record" + (skipped == 1 ? "" : "s") + " with errors");
        }
        out.flush();
        return EXIT_OK;
    }

    /** Prints the plan, for the declared columns or those of the first input record. */
    private static int explain(Pump pump, String sqlFile, String input, InputStream stdin, PrintStream out,
                               PrintStream err) {
        String first = null;
        if (pump.application().declaredSourceColumns() == null) {
            try (BufferedReader reader = input == null
                    ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null && first == null) {
                    first = line.isBlank() ? null : line;
                }
            } catch (IOException e) {
                err.println("sluice pump: cannot read input: " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        try {
            out.print(pump.explain(first));
        } catch (IllegalArgumentException e) {
            err.println("sluice pump: " + e.getMessage() + " (--source-columns 'COLUMNS', or a record on stdin or"
                    + " --input)");
            return EXIT_USAGE;
        } catch (PumpSqlException e) {
            err.println(sqlFile + ": " + e.getMessage());
            return EXIT_SQL_ERROR;
        } catch (PumpRecordException e) {
            err.println("sluice pump: the first record cannot be read: " + e.getMessage());
            return EXIT_RECORD_FAILED;
        }
        out.flush();
        return EXIT_OK;
    }

    private static String errorRow(PumpRecordException e, String line, long rowtime) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("ERROR_TIME", Conversions.formatTimestamp(System.currentTimeMillis()));
        node.put("ERROR_LEVEL", "ERROR");
        node.put("ERROR_NAME", e.errorName());
        node.put("MESSAGE", e.getMessage());
        node.put("DATA_ROWTIME", Conversions.formatTimestamp(rowtime));
        node.put("DATA_ROW", line);
        node.put("PUMP_NAME", e.pumpName());
        return JSON.writeValueAsString(node);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
