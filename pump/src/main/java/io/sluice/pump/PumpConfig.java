package io.sluice.pump;

import io.sluice.pump.compile.Application;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration of {@link PumpTransform}: the SQL (inline or from a file), the source stream's columns and
 * paths, and what to do with records that fail. Parsed once into typed values; cross-field rules are checked
 * here with the key names in the message.
 */
public final class PumpConfig extends AbstractConfig {

    /** Per-record error handling. */
    public enum ErrorMode {
        /** Throw a DataException: Connect's errors.tolerance and dead-letter queue then apply. */
        FAIL,
        /** Drop the record and count it. */
        SKIP,
        /** Replace the record by a KDA-style error row sent to {@link #ERRORS_TOPIC_CONFIG}. */
        ROUTE;

        public static ErrorMode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PumpConfig.class);

    private static final String GROUP_SQL = "SQL";
    private static final String GROUP_SOURCE = "Source stream";
    private static final String GROUP_ERRORS = "Errors";

    public static final String SQL_CONFIG = "pump.sql";
    public static final String SQL_DEFAULT = "";
    private static final String SQL_DOC = "The application SQL: CREATE OR REPLACE STREAM and CREATE OR REPLACE PUMP"
            + " statements separated by ';', as in Kinesis Data Analytics. Exactly one of pump.sql and pump.sql.file"
            + " must be set.";
    private static final String SQL_DISPLAY = "SQL";

    public static final String SQL_FILE_CONFIG = "pump.sql.file";
    public static final String SQL_FILE_DEFAULT = "";
    private static final String SQL_FILE_DOC = "Path of a UTF-8 file holding the application SQL, read when the"
            + " transform is configured. Exactly one of pump.sql and pump.sql.file must be set. Only a regular file"
            + " of at most " + SqlFile.MAX_BYTES + " bytes starting with CREATE (after comments) is read, and only"
            + " inside the directories listed by the worker's JVM system property " + SqlFile.ALLOWED_PATHS_PROPERTY
            + " when it is set (comma-separated absolute paths; a connector configuration cannot change it).";
    private static final String SQL_FILE_DISPLAY = "SQL file";

    public static final String SOURCE_STREAM_CONFIG = "pump.source.stream";
    public static final String SOURCE_STREAM_DEFAULT = Application.DEFAULT_SOURCE;
    private static final String SOURCE_STREAM_DOC = "Name of the in-application stream the records arrive in, as"
            + " the SQL's FROM spells it (case-sensitive).";
    private static final String SOURCE_STREAM_DISPLAY = "Source stream";

    public static final String DESTINATION_STREAM_CONFIG = "pump.destination.stream";
    public static final String DESTINATION_STREAM_DEFAULT = "";
    private static final String DESTINATION_STREAM_DOC = "Name of the stream whose rows leave the transform. Empty:"
            + " the one stream that pumps write and no pump reads.";
    private static final String DESTINATION_STREAM_DISPLAY = "Destination stream";

    public static final String SOURCE_COLUMNS_CONFIG = "pump.source.columns";
    public static final String SOURCE_COLUMNS_DEFAULT = "";
    private static final String SOURCE_COLUMNS_DOC = "The source stream's columns, as a SQL column list, e.g."
            + " '\"name\" VARCHAR(50), \"age\" INTEGER' (KDA's input schema). Empty: taken from a CREATE STREAM for"
            + " the source in the SQL, else from each record's Connect schema, else from the first schemaless"
            + " record's fields.";
    private static final String SOURCE_COLUMNS_DISPLAY = "Source columns";

    public static final String SOURCE_PATHS_CONFIG = "pump.source.paths";
    public static final String SOURCE_PATHS_DEFAULT = "";
    private static final String SOURCE_PATHS_DOC = "Where declared source columns are found in nested input, as"
            + " comma-separated column=path pairs, e.g. 'city=$.address.city,first=$.items[0].id'. Columns without"
            + " a path are read from the top-level field of the same name. Missing values are NULL.";
    private static final String SOURCE_PATHS_DISPLAY = "Source column paths";

    public static final String ERRORS_CONFIG = "pump.errors";
    public static final String ERRORS_DEFAULT = "fail";
    private static final String ERRORS_DOC = "What a record that cannot be processed (invalid JSON, failed"
            + " conversion, division by zero) does: 'fail' throws a DataException (Connect's errors.tolerance and"
            + " dead-letter queue apply), 'skip' drops it, 'route' replaces it by a KDA-style error row (ERROR_TIME,"
            + " ERROR_LEVEL, ERROR_NAME, MESSAGE, DATA_ROWTIME, DATA_ROW, PUMP_NAME) sent to pump.errors.topic.";
    private static final String ERRORS_DISPLAY = "Error handling";

    public static final String ERRORS_TOPIC_CONFIG = "pump.errors.topic";
    public static final String ERRORS_TOPIC_DEFAULT = "";
    private static final String ERRORS_TOPIC_DOC = "Topic of the error rows when pump.errors=route (required then).";
    private static final String ERRORS_TOPIC_DISPLAY = "Error topic";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SQL_CONFIG, Type.STRING, SQL_DEFAULT, Importance.HIGH, SQL_DOC, GROUP_SQL, 1, Width.LONG,
                    SQL_DISPLAY)
            .define(SQL_FILE_CONFIG, Type.STRING, SQL_FILE_DEFAULT, Importance.HIGH, SQL_FILE_DOC, GROUP_SQL, 2,
                    Width.LONG, SQL_FILE_DISPLAY)
            .define(DESTINATION_STREAM_CONFIG, Type.STRING, DESTINATION_STREAM_DEFAULT, Importance.LOW,
                    DESTINATION_STREAM_DOC, GROUP_SQL, 3, Width.MEDIUM, DESTINATION_STREAM_DISPLAY)
            .define(SOURCE_STREAM_CONFIG, Type.STRING, SOURCE_STREAM_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, SOURCE_STREAM_DOC, GROUP_SOURCE, 1, Width.MEDIUM, SOURCE_STREAM_DISPLAY)
            .define(SOURCE_COLUMNS_CONFIG, Type.STRING, SOURCE_COLUMNS_DEFAULT, Importance.MEDIUM,
                    SOURCE_COLUMNS_DOC, GROUP_SOURCE, 2, Width.LONG, SOURCE_COLUMNS_DISPLAY)
            .define(SOURCE_PATHS_CONFIG, Type.LIST, SOURCE_PATHS_DEFAULT, new PathsValidator(), Importance.LOW,
                    SOURCE_PATHS_DOC, GROUP_SOURCE, 3, Width.LONG, SOURCE_PATHS_DISPLAY)
            .define(ERRORS_CONFIG, Type.STRING, ERRORS_DEFAULT,
                    ConfigDef.CaseInsensitiveValidString.in("fail", "skip", "route"), Importance.MEDIUM, ERRORS_DOC,
                    GROUP_ERRORS, 1, Width.SHORT, ERRORS_DISPLAY, new ErrorModeRecommender())
            .define(ERRORS_TOPIC_CONFIG, Type.STRING, ERRORS_TOPIC_DEFAULT, Importance.MEDIUM, ERRORS_TOPIC_DOC,
                    GROUP_ERRORS, 2, Width.MEDIUM, ERRORS_TOPIC_DISPLAY);

    private final String sql;
    private final ErrorMode errorMode;
    private final Map<String, String> sourcePaths;

    public PumpConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        String inline = getString(SQL_CONFIG);
        String file = getString(SQL_FILE_CONFIG);
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline == hasFile) {
            throw new ConfigException(SQL_CONFIG, hasInline ? "(also " + SQL_FILE_CONFIG + ")" : "",
                    "set exactly one of " + SQL_CONFIG + " and " + SQL_FILE_CONFIG);
        }
        if (hasFile) {
            String allowedPaths = System.getProperty(SqlFile.ALLOWED_PATHS_PROPERTY);
            if (allowedPaths == null || allowedPaths.isBlank()) {
                log.warn("{} is read from any path the worker can read: set the JVM system property {} on the"
                        + " worker to confine it to the directories you choose", SQL_FILE_CONFIG,
                        SqlFile.ALLOWED_PATHS_PROPERTY);
            }
            this.sql = SqlFile.read(file, allowedPaths);
        } else {
            this.sql = inline;
        }
        this.errorMode = ErrorMode.parse(getString(ERRORS_CONFIG));
        if (errorMode == ErrorMode.ROUTE && getString(ERRORS_TOPIC_CONFIG).isBlank()) {
            throw new ConfigException(ERRORS_TOPIC_CONFIG, "", ERRORS_CONFIG + "=route needs "
                    + ERRORS_TOPIC_CONFIG + " (the topic the error rows go to)");
        }
        this.sourcePaths = parsePaths(getList(SOURCE_PATHS_CONFIG));
    }

    private static Map<String, String> parsePaths(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }

    /** The SQL text, read from the file when pump.sql.file is set. */
    public String sql() {
        return sql;
    }

    public ErrorMode errorMode() {
        return errorMode;
    }

    public String errorsTopic() {
        return getString(ERRORS_TOPIC_CONFIG).trim();
    }

    /** The compile options these settings describe. */
    public Pump.Options pumpOptions() {
        String columns = getString(SOURCE_COLUMNS_CONFIG);
        String destination = getString(DESTINATION_STREAM_CONFIG);
        return new Pump.Options(getString(SOURCE_STREAM_CONFIG), destination.isBlank() ? null : destination.trim(),
                columns.isBlank() ? null : columns, sourcePaths);
    }

    private static final class PathsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            for (Object o : (List<?>) value) {
                String entry = String.valueOf(o);
                int eq = entry.indexOf('=');
                if (eq <= 0 || !entry.substring(eq + 1).trim().startsWith("$")) {
                    throw new ConfigException(name, entry, "expected column=path, e.g. city=$.address.city");
                }
            }
        }

        @Override
        public String toString() {
            return "column=$.path,...";
        }
    }

    private static final class ErrorModeRecommender implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.of("fail", "skip", "route");
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }
}
