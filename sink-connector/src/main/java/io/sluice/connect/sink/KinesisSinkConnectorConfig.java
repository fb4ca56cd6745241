package io.sluice.connect.sink;

import io.sluice.connect.common.config.Choice;
import io.sluice.connect.common.config.ConfigChoice;
import io.sluice.connect.common.config.KeyErrors;
import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.connect.common.config.RawConfig;
import io.sluice.connect.sink.config.DataFormat;
import io.sluice.connect.sink.config.ExplicitHashKeyMode;
import io.sluice.connect.sink.config.PartitionKeySource;
import io.sluice.connect.sink.config.StreamCapacity;
import io.sluice.connect.sink.config.StreamNameTemplate;
import io.sluice.connect.sink.config.TombstoneBehavior;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The sink connector's configuration: the shared Kinesis connection ({@link KinesisConnectionConfig}) plus where
 * records go, how they become stream records and how they are delivered. Parsed once into typed values; the rules
 * across keys are in {@link #crossKeyErrors(Map)}, each error on the offending key. Tasks get the connector's
 * configuration unchanged. Immutable and thread-safe.
 */
public final class KinesisSinkConnectorConfig extends AbstractConfig {

    public static final String STREAM_GROUP = "Stream";
    public static final String RECORDS_GROUP = "Records";
    public static final String DELIVERY_GROUP = "Delivery";

    public static final String STREAM_CONFIG = "kinesis.stream";
    private static final String STREAM_DOC = "The stream records go to: a name such as orders, or a template in "
            + "which ${topic} stands for the record's topic, such as ${topic} or kafka-${topic}.";
    private static final String STREAM_DISPLAY = "Stream";

    public static final String AUTO_CREATE_CONFIG = "kinesis.stream.auto.create";
    public static final boolean AUTO_CREATE_DEFAULT = false;
    private static final String AUTO_CREATE_DOC = "Create a missing stream (with kinesis.stream.auto.create.shards) "
            + "and wait until it is active. When false, a missing stream fails the task at start, naming the stream.";
    private static final String AUTO_CREATE_DISPLAY = "Create missing streams";

    public static final String AUTO_CREATE_SHARDS_CONFIG = "kinesis.stream.auto.create.shards";
    public static final String AUTO_CREATE_SHARDS_DEFAULT = "1";
    private static final String AUTO_CREATE_SHARDS_DOC = "The capacity of a stream the connector creates: a shard "
            + "count (provisioned mode) or on-demand.";
    private static final String AUTO_CREATE_SHARDS_DISPLAY = "Shards of created streams";

    public static final String PARTITION_KEY_SOURCE_CONFIG = "kinesis.partition.key.source";
    public static final String PARTITION_KEY_SOURCE_DEFAULT = PartitionKeySource.KEY.configValue();
    private static final String PARTITION_KEY_SOURCE_DOC = "Where the partition key comes from: key (the record "
            + "key as text: strings as they are, bytes decoded as UTF-8 when they are valid UTF-8 and base64 "
            + "otherwise, structs and maps as JSON), field (the value field at kinesis.partition.key.field), "
            + "partition (the Kafka partition number), constant (kinesis.partition.key.constant) or random (a "
            + "random UUID per record, which gives up ordering). Records of one partition key stay in order.";
    private static final String PARTITION_KEY_SOURCE_DISPLAY = "Partition key source";

    public static final String PARTITION_KEY_FIELD_CONFIG = "kinesis.partition.key.field";
    private static final String PARTITION_KEY_FIELD_DOC = "With kinesis.partition.key.source=field: the path of the "
            + "value field, dot-separated through nested structs and maps, such as user.id.";
    private static final String PARTITION_KEY_FIELD_DISPLAY = "Partition key field";

    public static final String PARTITION_KEY_CONSTANT_CONFIG = "kinesis.partition.key.constant";
    private static final String PARTITION_KEY_CONSTANT_DOC = "With kinesis.partition.key.source=constant: the "
            + "partition key of every record (1 to 256 characters). All records then go to one shard, in order.";
    private static final String PARTITION_KEY_CONSTANT_DISPLAY = "Constant partition key";

    public static final String EXPLICIT_HASH_KEY_CONFIG = "kinesis.explicit.hash.key";
    public static final String EXPLICIT_HASH_KEY_DEFAULT = ExplicitHashKeyMode.NONE.configValue();
    private static final String EXPLICIT_HASH_KEY_DOC = "none: the MD5 of the partition key picks the shard. "
            + "partition: Kafka partition p of n (kinesis.explicit.hash.key.partitions) gets the explicit hash key "
            + "at the midpoint of the p-th of n equal slices of the 128-bit hash key space, so n partitions land on "
            + "n distinct shards of a stream with at least n evenly split shards.";
    private static final String EXPLICIT_HASH_KEY_DISPLAY = "Explicit hash key";

    public static final String EXPLICIT_HASH_KEY_PARTITIONS_CONFIG = "kinesis.explicit.hash.key.partitions";
    public static final int EXPLICIT_HASH_KEY_PARTITIONS_DEFAULT = 0;
    private static final String EXPLICIT_HASH_KEY_PARTITIONS_DOC = "With kinesis.explicit.hash.key=partition: n, "
            + "the number of slices, normally the topics' partition count. Partition p uses slice p mod n.";
    private static final String EXPLICIT_HASH_KEY_PARTITIONS_DISPLAY = "Hash key slices";

    public static final String DATA_FORMAT_CONFIG = "kinesis.record.data.format";
    public static final String DATA_FORMAT_DEFAULT = DataFormat.AUTO.configValue();
    private static final String DATA_FORMAT_DOC = "How a record value becomes the stream record's data: auto "
            + "(bytes as they are, strings as UTF-8, structs, maps, lists, numbers and booleans as JSON without a "
            + "schema envelope) or json (every value as JSON: strings quoted, bytes as base64 strings).";
    private static final String DATA_FORMAT_DISPLAY = "Data format";

    public static final String AGGREGATION_ENABLED_CONFIG = "kinesis.aggregation.enabled";
    public static final boolean AGGREGATION_ENABLED_DEFAULT = false;
    private static final String AGGREGATION_ENABLED_DOC = "Pack consecutive records of one partition key into KPL "
            + "aggregated records (up to 1 MiB each), as the Kinesis Producer Library does; the KCL and the Sluice "
            + "source connector de-aggregate them. Raises throughput for few hot keys; every consumer must "
            + "de-aggregate.";
    private static final String AGGREGATION_ENABLED_DISPLAY = "KPL aggregation";

    public static final String TOMBSTONE_BEHAVIOR_CONFIG = "kinesis.tombstone.behavior";
    public static final String TOMBSTONE_BEHAVIOR_DEFAULT = TombstoneBehavior.SKIP.configValue();
    private static final String TOMBSTONE_BEHAVIOR_DOC = "What a record with a null value (a tombstone) does: skip "
            + "(nothing is written; the offset counts as delivered) or fail (an error record: to the dead-letter "
            + "queue when errors.deadletterqueue.topic.name is set, else the task fails).";
    private static final String TOMBSTONE_BEHAVIOR_DISPLAY = "Tombstones";

    public static final String BATCH_LINGER_MS_CONFIG = "kinesis.batch.linger.ms";
    public static final long BATCH_LINGER_MS_DEFAULT = 100L;
    private static final String BATCH_LINGER_MS_DOC = "How long a record may wait for a fuller PutRecords batch, in "
            + "milliseconds. A batch goes out when it is full (500 records or 5 MiB), when its oldest record waited "
            + "this long, and at every offset commit.";
    private static final String BATCH_LINGER_MS_DISPLAY = "Batch linger (ms)";

    public static final String PUT_RETRIES_MAX_CONFIG = "kinesis.put.retries.max";
    public static final int PUT_RETRIES_MAX_DEFAULT = 10;
    private static final String PUT_RETRIES_MAX_DOC = "How often a record that PutRecords failed (throttling, "
            + "internal failure, a failed call) is retried before it goes to the dead-letter queue, or, without one, "
            + "fails the task. These retries come on top of the AWS SDK's own retries of a failed call "
            + "(kinesis.retries.max).";
    private static final String PUT_RETRIES_MAX_DISPLAY = "Max record retries";

    public static final String PUT_RETRY_BACKOFF_MS_CONFIG = "kinesis.put.retry.backoff.ms";
    public static final long PUT_RETRY_BACKOFF_MS_DEFAULT = 100L;
    private static final String PUT_RETRY_BACKOFF_MS_DOC = "The first backoff after a PutRecords call with failed "
            + "records, in milliseconds. It doubles after every call that delivered nothing, up to "
            + "kinesis.put.retry.backoff.max.ms, and is jittered (between half and all of it).";
    private static final String PUT_RETRY_BACKOFF_MS_DISPLAY = "Retry backoff (ms)";

    public static final String PUT_RETRY_BACKOFF_MAX_MS_CONFIG = "kinesis.put.retry.backoff.max.ms";
    public static final long PUT_RETRY_BACKOFF_MAX_MS_DEFAULT = 10_000L;
    private static final String PUT_RETRY_BACKOFF_MAX_MS_DOC = "The longest backoff between PutRecords retries, in "
            + "milliseconds.";
    private static final String PUT_RETRY_BACKOFF_MAX_MS_DISPLAY = "Max retry backoff (ms)";

    public static final String PUT_MAX_IN_FLIGHT_REQUESTS_CONFIG = "kinesis.put.max.in.flight.requests";
    public static final int PUT_MAX_IN_FLIGHT_REQUESTS_DEFAULT = 4;
    private static final String PUT_MAX_IN_FLIGHT_REQUESTS_DOC = "How many PutRecords calls a task keeps on their "
            + "way at once. Each carries partition keys no other call in flight carries, so per-key order holds "
            + "whatever fails; more calls overlap the stream's work with the task's, up to what the stream takes.";
    private static final String PUT_MAX_IN_FLIGHT_REQUESTS_DISPLAY = "Max PutRecords calls in flight";

    public static final String BUFFER_MAX_BYTES_CONFIG = "kinesis.buffer.max.bytes";
    public static final long BUFFER_MAX_BYTES_DEFAULT = 32L * 1024 * 1024;
    private static final String BUFFER_MAX_BYTES_DOC = "The most memory a task's records may take from the moment "
            + "it receives them until the stream acknowledged them, waiting for a batch or in a call in flight "
            + "(data, partition key and 128 bytes of bookkeeping each). A full buffer makes put() wait for calls to "
            + "end; while Kinesis throttles, it makes the worker pause and deliver the records again later. A larger "
            + "buffer lets the task keep consuming while calls are on their way.";
    private static final String BUFFER_MAX_BYTES_DISPLAY = "Buffer size (bytes)";

    /** Kinesis's bounds on a partition key, in Unicode characters. */
    public static final int MAX_PARTITION_KEY_CHARS = 256;

    private static final Choice<PartitionKeySource> KEY_SOURCES = Choice.of(PartitionKeySource.class);
    private static final Choice<ExplicitHashKeyMode> HASH_KEY_MODES = Choice.of(ExplicitHashKeyMode.class);
    private static final Choice<DataFormat> DATA_FORMATS = Choice.of(DataFormat.class);
    private static final Choice<TombstoneBehavior> TOMBSTONE_BEHAVIORS = Choice.of(TombstoneBehavior.class);

    public static final ConfigDef CONFIG_DEF = configDef();

    private final StreamNameTemplate stream;
    private final StreamCapacity autoCreateCapacity;
    private final PartitionKeySource partitionKeySource;
    private final ExplicitHashKeyMode explicitHashKeyMode;
    private final DataFormat dataFormat;
    private final TombstoneBehavior tombstoneBehavior;
    private final KinesisConnection connection;

    /**
     * Parses {@code props}.
     *
     * @throws ConfigException naming every key that is wrong, alone or with another
     */
    public KinesisSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        KeyErrors errors = crossKeyErrors(props);
        if (!errors.isEmpty()) {
            throw errors.toException("Kinesis sink configuration");
        }
        stream = StreamNameTemplate.parse(getString(STREAM_CONFIG));
        autoCreateCapacity = StreamCapacity.parse(getString(AUTO_CREATE_SHARDS_CONFIG));
        partitionKeySource = KEY_SOURCES.parse(PARTITION_KEY_SOURCE_CONFIG, getString(PARTITION_KEY_SOURCE_CONFIG));
        explicitHashKeyMode = HASH_KEY_MODES.parse(EXPLICIT_HASH_KEY_CONFIG, getString(EXPLICIT_HASH_KEY_CONFIG));
        dataFormat = DATA_FORMATS.parse(DATA_FORMAT_CONFIG, getString(DATA_FORMAT_CONFIG));
        tombstoneBehavior = TOMBSTONE_BEHAVIORS.parse(TOMBSTONE_BEHAVIOR_CONFIG, getString(TOMBSTONE_BEHAVIOR_CONFIG));
        connection = KinesisConnectionConfig.parse(props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = KinesisConnectionConfig.update(new ConfigDef());
        int order = 0;
        def.define(STREAM_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new StreamValidator(), Importance.HIGH,
                        STREAM_DOC, STREAM_GROUP, ++order, Width.LONG, STREAM_DISPLAY)
                .define(AUTO_CREATE_CONFIG, Type.BOOLEAN, AUTO_CREATE_DEFAULT, Importance.MEDIUM, AUTO_CREATE_DOC,
                        STREAM_GROUP, ++order, Width.SHORT, AUTO_CREATE_DISPLAY)
                .define(AUTO_CREATE_SHARDS_CONFIG, Type.STRING, AUTO_CREATE_SHARDS_DEFAULT, new CapacityValidator(),
                        Importance.LOW, AUTO_CREATE_SHARDS_DOC, STREAM_GROUP, ++order, Width.SHORT,
                        AUTO_CREATE_SHARDS_DISPLAY);
        order = 0;
        def.define(PARTITION_KEY_SOURCE_CONFIG, Type.STRING, PARTITION_KEY_SOURCE_DEFAULT, KEY_SOURCES,
                        Importance.HIGH, PARTITION_KEY_SOURCE_DOC, RECORDS_GROUP, ++order, Width.SHORT,
                        PARTITION_KEY_SOURCE_DISPLAY, KEY_SOURCES)
                .define(PARTITION_KEY_FIELD_CONFIG, Type.STRING, null, new FieldPathValidator(), Importance.MEDIUM,
                        PARTITION_KEY_FIELD_DOC, RECORDS_GROUP, ++order, Width.MEDIUM, PARTITION_KEY_FIELD_DISPLAY)
                .define(PARTITION_KEY_CONSTANT_CONFIG, Type.STRING, null, new ConstantKeyValidator(),
                        Importance.MEDIUM, PARTITION_KEY_CONSTANT_DOC, RECORDS_GROUP, ++order, Width.MEDIUM,
                        PARTITION_KEY_CONSTANT_DISPLAY)
                .define(EXPLICIT_HASH_KEY_CONFIG, Type.STRING, EXPLICIT_HASH_KEY_DEFAULT, HASH_KEY_MODES,
                        Importance.LOW, EXPLICIT_HASH_KEY_DOC, RECORDS_GROUP, ++order, Width.SHORT,
                        EXPLICIT_HASH_KEY_DISPLAY, HASH_KEY_MODES)
                .define(EXPLICIT_HASH_KEY_PARTITIONS_CONFIG, Type.INT, EXPLICIT_HASH_KEY_PARTITIONS_DEFAULT,
                        Range.between(0, 1_000_000), Importance.LOW, EXPLICIT_HASH_KEY_PARTITIONS_DOC, RECORDS_GROUP,
                        ++order, Width.SHORT, EXPLICIT_HASH_KEY_PARTITIONS_DISPLAY)
                .define(DATA_FORMAT_CONFIG, Type.STRING, DATA_FORMAT_DEFAULT, DATA_FORMATS, Importance.MEDIUM,
                        DATA_FORMAT_DOC, RECORDS_GROUP, ++order, Width.SHORT, DATA_FORMAT_DISPLAY, DATA_FORMATS)
                .define(AGGREGATION_ENABLED_CONFIG, Type.BOOLEAN, AGGREGATION_ENABLED_DEFAULT, Importance.LOW,
                        AGGREGATION_ENABLED_DOC, RECORDS_GROUP, ++order, Width.SHORT, AGGREGATION_ENABLED_DISPLAY)
                .define(TOMBSTONE_BEHAVIOR_CONFIG, Type.STRING, TOMBSTONE_BEHAVIOR_DEFAULT, TOMBSTONE_BEHAVIORS,
                        Importance.MEDIUM, TOMBSTONE_BEHAVIOR_DOC, RECORDS_GROUP, ++order, Width.SHORT,
                        TOMBSTONE_BEHAVIOR_DISPLAY, TOMBSTONE_BEHAVIORS);
        order = 0;
        def.define(BATCH_LINGER_MS_CONFIG, Type.LONG, BATCH_LINGER_MS_DEFAULT, Range.between(0L, 60_000L),
                        Importance.MEDIUM, BATCH_LINGER_MS_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
                        BATCH_LINGER_MS_DISPLAY)
                .define(PUT_RETRIES_MAX_CONFIG, Type.INT, PUT_RETRIES_MAX_DEFAULT, Range.between(0, 1000),
                        Importance.MEDIUM, PUT_RETRIES_MAX_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
                        PUT_RETRIES_MAX_DISPLAY)
                .define(PUT_RETRY_BACKOFF_MS_CONFIG, Type.LONG, PUT_RETRY_BACKOFF_MS_DEFAULT,
                        Range.between(1L, 600_000L), Importance.LOW, PUT_RETRY_BACKOFF_MS_DOC, DELIVERY_GROUP,
                        ++order, Width.SHORT, PUT_RETRY_BACKOFF_MS_DISPLAY)
                .define(PUT_RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, PUT_RETRY_BACKOFF_MAX_MS_DEFAULT,
                        Range.between(1L, 600_000L), Importance.LOW, PUT_RETRY_BACKOFF_MAX_MS_DOC, DELIVERY_GROUP,
                        ++order, Width.SHORT, PUT_RETRY_BACKOFF_MAX_MS_DISPLAY)
                .define(PUT_MAX_IN_FLIGHT_REQUESTS_CONFIG, Type.INT, PUT_MAX_IN_FLIGHT_REQUESTS_DEFAULT,
                        Range.between(1, 64), Importance.LOW, PUT_MAX_IN_FLIGHT_REQUESTS_DOC, DELIVERY_GROUP,
                        ++order, Width.SHORT, PUT_MAX_IN_FLIGHT_REQUESTS_DISPLAY)
                .define(BUFFER_MAX_BYTES_CONFIG, Type.LONG, BUFFER_MAX_BYTES_DEFAULT,
                        Range.between(1L, 1L << 34), Importance.LOW, BUFFER_MAX_BYTES_DOC, DELIVERY_GROUP,
                        ++order, Width.SHORT, BUFFER_MAX_BYTES_DISPLAY);
        return def;
    }

    /**
     * The rules across this config's own keys (the connection fragment checks its own), for raw properties. A key
     * whose value is invalid on its own counts as its default here; its own validator reports it.
     */
    public static KeyErrors crossKeyErrors(Map<String, String> props) {
        KeyErrors errors = new KeyErrors();
        RawConfig raw = new RawConfig(props);
        Optional<PartitionKeySource> source = raw.choice(PARTITION_KEY_SOURCE_CONFIG, KEY_SOURCES,
                PARTITION_KEY_SOURCE_DEFAULT);
        String sourceText = PARTITION_KEY_SOURCE_CONFIG + "=" + source.map(ConfigChoice::configValue).orElse("");
        if (source.isPresent()) {
            if (source.get() == PartitionKeySource.FIELD && !raw.isSet(PARTITION_KEY_FIELD_CONFIG)) {
                errors.add(PARTITION_KEY_FIELD_CONFIG, PARTITION_KEY_FIELD_CONFIG + " is required when "
                        + sourceText + ": set it to the path of the value field that holds the key, such as user.id");
            }
            if (source.get() != PartitionKeySource.FIELD && raw.isSet(PARTITION_KEY_FIELD_CONFIG)) {
                errors.add(PARTITION_KEY_FIELD_CONFIG, notUsed(PARTITION_KEY_FIELD_CONFIG, sourceText, "field"));
            }
            if (source.get() == PartitionKeySource.CONSTANT && !raw.isSet(PARTITION_KEY_CONSTANT_CONFIG)) {
                errors.add(PARTITION_KEY_CONSTANT_CONFIG, PARTITION_KEY_CONSTANT_CONFIG + " is required when "
                        + sourceText + ": set it to the partition key of every record");
            }
            if (source.get() != PartitionKeySource.CONSTANT && raw.isSet(PARTITION_KEY_CONSTANT_CONFIG)) {
                errors.add(PARTITION_KEY_CONSTANT_CONFIG,
                        notUsed(PARTITION_KEY_CONSTANT_CONFIG, sourceText, "constant"));
            }
        }
        Optional<ExplicitHashKeyMode> hashKeys = raw.choice(EXPLICIT_HASH_KEY_CONFIG, HASH_KEY_MODES,
                EXPLICIT_HASH_KEY_DEFAULT);
        int slices = raw.intOr(EXPLICIT_HASH_KEY_PARTITIONS_CONFIG, EXPLICIT_HASH_KEY_PARTITIONS_DEFAULT);
        if (hashKeys.equals(Optional.of(ExplicitHashKeyMode.PARTITION)) && slices < 1) {
            errors.add(EXPLICIT_HASH_KEY_PARTITIONS_CONFIG, EXPLICIT_HASH_KEY_PARTITIONS_CONFIG + " is required when "
                    + EXPLICIT_HASH_KEY_CONFIG + "=partition: set it to the topics' partition count");
        }
        if (hashKeys.equals(Optional.of(ExplicitHashKeyMode.NONE)) && slices > 0) {
            errors.add(EXPLICIT_HASH_KEY_PARTITIONS_CONFIG, EXPLICIT_HASH_KEY_PARTITIONS_CONFIG + " is not used with "
                    + EXPLICIT_HASH_KEY_CONFIG + "=none: set " + EXPLICIT_HASH_KEY_CONFIG + "=partition to use it, or "
                    + "remove " + EXPLICIT_HASH_KEY_PARTITIONS_CONFIG);
        }
        raw.requireAtLeast(PUT_RETRY_BACKOFF_MAX_MS_CONFIG, PUT_RETRY_BACKOFF_MAX_MS_DEFAULT,
                PUT_RETRY_BACKOFF_MS_CONFIG, PUT_RETRY_BACKOFF_MS_DEFAULT, errors);
        return errors;
    }

    public StreamNameTemplate stream() {
        return stream;
    }

    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE_CONFIG);
    }

    public StreamCapacity autoCreateCapacity() {
        return autoCreateCapacity;
    }

    public PartitionKeySource partitionKeySource() {
        return partitionKeySource;
    }

    /** The field path of {@link PartitionKeySource#FIELD}, split at dots. */
    public List<String> partitionKeyField() {
        String path = getString(PARTITION_KEY_FIELD_CONFIG);
        return path == null ? List.of() : List.of(path.trim().split("\\."));
    }

    public String partitionKeyConstant() {
        return getString(PARTITION_KEY_CONSTANT_CONFIG);
    }

    public ExplicitHashKeyMode explicitHashKeyMode() {
        return explicitHashKeyMode;
    }

    public int explicitHashKeyPartitions() {
        return getInt(EXPLICIT_HASH_KEY_PARTITIONS_CONFIG);
    }

    public DataFormat dataFormat() {
        return dataFormat;
    }

    public boolean aggregationEnabled() {
        return getBoolean(AGGREGATION_ENABLED_CONFIG);
    }

    public TombstoneBehavior tombstoneBehavior() {
        return tombstoneBehavior;
    }

    public Duration batchLinger() {
        return Duration.ofMillis(getLong(BATCH_LINGER_MS_CONFIG));
    }

    public int putRetriesMax() {
        return getInt(PUT_RETRIES_MAX_CONFIG);
    }

    public Duration putRetryBackoff() {
        return Duration.ofMillis(getLong(PUT_RETRY_BACKOFF_MS_CONFIG));
    }

    public Duration putRetryBackoffMax() {
        return Duration.ofMillis(getLong(PUT_RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    public int putInFlightCalls() {
        return getInt(PUT_MAX_IN_FLIGHT_REQUESTS_CONFIG);
    }

    public long bufferMaxBytes() {
        return getLong(BUFFER_MAX_BYTES_CONFIG);
    }

    public KinesisConnection connection() {
        return connection;
    }

    private static String notUsed(String key, String sourceText, String usedWith) {
        return key + " is not used with " + sourceText + ": set " + PARTITION_KEY_SOURCE_CONFIG + "=" + usedWith
                + " to use it, or remove " + key;
    }

    private static final class StreamValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return; // "missing required configuration" is ConfigDef's own message
            }
            try {
                StreamNameTemplate.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a stream name, or a template with ${topic}";
        }
    }

    private static final class CapacityValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                StreamCapacity.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a shard count from 1 to " + StreamCapacity.MAX_SHARDS + ", or " + StreamCapacity.ON_DEMAND;
        }
    }

    private static final class FieldPathValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String path = value == null ? "" : ((String) value).trim();
            if (!path.isEmpty() && List.of(path.split("\\.", -1)).contains("")) {
                throw new ConfigException(name, value, "must be field names separated by single dots, such as "
                        + "user.id");
            }
        }

        @Override
        public String toString() {
            return "a dot-separated field path such as user.id";
        }
    }

    private static final class ConstantKeyValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String key = value == null ? "" : (String) value;
            if (key.codePointCount(0, key.length()) > MAX_PARTITION_KEY_CHARS) {
                throw new ConfigException(name, value, "must be at most " + MAX_PARTITION_KEY_CHARS
                        + " characters, Kinesis's limit on a partition key");
            }
        }

        @Override
        public String toString() {
            return "1 to " + MAX_PARTITION_KEY_CHARS + " characters";
        }
    }
}
