package io.sluice.pump;

import io.sluice.pump.compile.PumpRecordException;
import io.sluice.pump.runtime.InputReader;
import io.sluice.pump.sql.PumpSqlException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Kinesis Data Analytics SQL application on every record, as a Kafka Connect transform. Each record's
 * value ({@link Value}) or key ({@link Key}) is a row of the source stream; the pumps filter and project it
 * into the destination stream, and the record leaves with that row as a {@link Struct} typed by the
 * destination's columns — or is dropped when a WHERE does not hold. Topic, partition, the other side of the
 * record, headers and timestamp are kept. Null values (tombstones) pass through untouched.
 *
 * <p>The SQL is parsed, checked and compiled in {@link #configure}; mistakes are {@link ConfigException}s with
 * line, column, the line itself with a caret, and a hint. Per-record failures follow {@code pump.errors} —
 * including unexpected ones (a bug, a StackOverflowError on a deeply nested value: {@code Internal_error}, logged
 * with its stack trace), so one record never kills the task; only Errors that leave the JVM or the plugin broken
 * (OutOfMemoryError, LinkageError) propagate.
 */
public abstract class PumpTransform<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** Schema of the error rows sent to pump.errors.topic, as KDA's error stream. */
    public static final Schema ERROR_SCHEMA = SchemaBuilder.struct().name("io.sluice.pump.ErrorRow")
            .field("ERROR_TIME", Timestamp.SCHEMA)
            .field("ERROR_LEVEL", Schema.STRING_SCHEMA)
            .field("ERROR_NAME", Schema.STRING_SCHEMA)
            .field("MESSAGE", Schema.STRING_SCHEMA)
            .field("DATA_ROWTIME", Timestamp.builder().optional().build())
            .field("DATA_ROW", Schema.OPTIONAL_STRING_SCHEMA)
            .field("PUMP_NAME", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static final Logger log = LoggerFactory.getLogger(PumpTransform.class);

    private PumpConfig config;
    private Pump pump;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong routed = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();

    @Override
    public void configure(Map<String, ?> props) {
        PumpConfig parsed = new PumpConfig(props);
        try {
            this.pump = Pump.compile(parsed.sql(), parsed.pumpOptions());
        } catch (PumpSqlException e) {
            String key = parsed.getString(PumpConfig.SQL_FILE_CONFIG).isBlank() ? PumpConfig.SQL_CONFIG
                    : PumpConfig.SQL_FILE_CONFIG;
            throw new ConfigException("Invalid pump SQL (" + key + "): " + e.getMessage());
        }
        this.config = parsed;
    }

    @Override
    public R apply(R record) {
        Object value = operatingValue(record);
        if (value == null) {
            return record;
        }
        long rowtime = record.timestamp() != null ? record.timestamp() : System.currentTimeMillis();
        Object[] row;
        try {
            row = pump.evaluate(value, operatingSchema(record), rowtime, record.headers());
        } catch (PumpRecordException e) {
            return onError(record, value, rowtime, e);
        } catch (PumpSqlException e) {
            // The SQL does not fit the records' columns: every record would fail, so never skip quietly.
            throw new DataException("Pump SQL does not match the input records: " + e.getMessage(), e);
        }
        if (row == null) {
            return null;
        }
        return newRecord(record, pump.valueSchema(), pump.toStruct(row));
    }

    private R onError(R record, Object value, long rowtime, PumpRecordException e) {
        String where = e.pumpName() == null ? "reading the input" : "pump \"" + e.pumpName() + "\"";
        if (PumpRecordException.INTERNAL_ERROR.equals(e.errorName())) {
            long n = unexpected.incrementAndGet();
            // A bug or a library's limit: its stack trace matters, but a flood of such records must not flood the log.
            if (n == 1 || n % 10_000 == 0) {
                log.warn("Unexpected failure on a record ({} so far) in {} (topic {}, partition {}); handled as"
                        + " pump.errors={} says", n, where, record.topic(), record.kafkaPartition(),
                        config.errorMode().name().toLowerCase(Locale.ROOT), e.getCause());
            }
        }
        switch (config.errorMode()) {
            case SKIP: {
                long n = skipped.incrementAndGet();
                // The first skip and then every 10,000th are logged, so a flood of bad input stays visible.
                if (n == 1 || n % 10_000 == 0) {
                    log.warn("pump.errors=skip: dropped {} record(s) so far; latest: {} in {} (topic {}, partition {}):"
                            + " {}", n, e.errorName(), where, record.topic(), record.kafkaPartition(), e.getMessage());
                }
                return null;
            }
            case ROUTE: {
                routed.incrementAndGet();
                Struct error = errorRow(e, InputReader.dataRow(value), rowtime);
                return record.newRecord(config.errorsTopic(), null, record.keySchema(), record.key(), ERROR_SCHEMA,
                        error, record.timestamp(), record.headers());
            }
            default:
                throw new DataException(e.errorName() + " in " + where + " (topic " + record.topic() + ", partition "
                        + record.kafkaPartition() + "): " + e.getMessage(), e);
        }
    }

    /** A KDA-style error row for a failed record. */
    public static Struct errorRow(PumpRecordException e, String dataRow, long rowtime) {
        return new Struct(ERROR_SCHEMA)
                .put("ERROR_TIME", new Date())
                .put("ERROR_LEVEL", "ERROR")
                .put("ERROR_NAME", e.errorName())
                .put("MESSAGE", String.valueOf(e.getMessage()))
                .put("DATA_ROWTIME", new Date(rowtime))
                .put("DATA_ROW", dataRow)
                .put("PUMP_NAME", e.pumpName());
    }

    /** Records dropped because of errors under pump.errors=skip. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Records replaced by error rows under pump.errors=route. */
    public long routedCount() {
        return routed.get();
    }

    // visible for testing
    Pump pump() {
        return pump;
    }

    @Override
    public ConfigDef config() {
        return PumpConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PumpVersion.get();
    }

    @Override
    public void close() {
        pump = null;
    }

    protected abstract Schema operatingSchema(R record);

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R record, Schema schema, Object value);

    /** Runs the pumps on the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends PumpTransform<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Schema schema, Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), schema, value, record.valueSchema(),
                    record.value(), record.timestamp(), record.headers());
        }
    }

    /** Runs the pumps on the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends PumpTransform<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Schema schema, Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                    value, record.timestamp(), record.headers());
        }
    }
}
