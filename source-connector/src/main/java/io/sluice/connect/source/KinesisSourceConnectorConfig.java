package io.sluice.connect.source;

import io.sluice.connect.common.config.Choice;
import io.sluice.connect.common.config.KeyErrors;
import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.connect.common.config.RawConfig;
import io.sluice.connect.common.config.RenamedKey;
import io.sluice.connect.source.config.FanOutMode;
import io.sluice.connect.source.config.KeyFormat;
import io.sluice.connect.source.config.PartitionerMode;
import io.sluice.connect.source.config.StartPosition;
import io.sluice.connect.source.config.TrimmedPositionAction;
import io.sluice.connect.source.config.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The source connector's configuration: the shared Kinesis connection keys ({@link KinesisConnectionConfig}) plus
 * what to read ({@value #SOURCE_GROUP}), how to poll ({@value #POLLING_GROUP}) and what the Kafka records look like
 * ({@value #RECORD_GROUP}). Keys follow Confluent's Kinesis source connector where the concept is the same, so a
 * configuration carries over by changing {@code connector.class}.
 *
 * <p>Parsed once, on construction, into typed values. {@link #crossKeyErrors(Map)} holds the rules across keys,
 * each error on the offending key. Immutable and thread-safe.
 */
public class KinesisSourceConnectorConfig extends AbstractConfig {

    public static final String SOURCE_GROUP = "Source";
    public static final String POLLING_GROUP = "Polling";
    public static final String RECORD_GROUP = "Kafka record";

    /** The placeholder in {@link #TOPIC_CONFIG} that stands for the stream name. */
    public static final String STREAM_PLACEHOLDER = "${stream}";

    public static final String STREAM_CONFIG = "kinesis.stream";
    private static final String STREAM_DOC = "The stream to read, or a comma-separated list of streams. Exactly one of "
            + "kinesis.stream and kinesis.stream.regex must be set.";
    private static final String STREAM_DISPLAY = "Stream(s)";

    public static final String STREAM_REGEX_CONFIG = "kinesis.stream.regex";
    public static final String STREAM_REGEX_DEFAULT = "";
    private static final String STREAM_REGEX_DOC = "A Java regular expression; every stream whose whole name matches "
            + "is read, including streams created later (found at the next shard discovery).";
    private static final String STREAM_REGEX_DISPLAY = "Stream regex";

    public static final String SHARD_ID_CONFIG = "kinesis.shard.id";
    public static final String SHARD_ID_DEFAULT = ".*";
    private static final String SHARD_ID_DOC = "A Java regular expression selecting the shards to read by their whole "
            + "id, such as shardId-00000000000[0-3]. A selected shard's parents outside the selection are not "
            + "waited for.";
    private static final String SHARD_ID_DISPLAY = "Shard id regex";

    public static final String POSITION_CONFIG = "kinesis.position";
    public static final String POSITION_DEFAULT = StartPosition.TRIM_HORIZON.configValue();
    private static final String POSITION_DOC = "Where a shard without a committed offset is first read: TRIM_HORIZON "
            + "(the oldest retained record), LATEST (records written from now on) or AT_TIMESTAMP "
            + "(kinesis.shard.timestamp). A shard with a committed offset resumes right after it; the children of a "
            + "resharded shard that was read start at their trim horizon.";
    private static final String POSITION_DISPLAY = "Start position";

    public static final String SHARD_TIMESTAMP_CONFIG = "kinesis.shard.timestamp";
    public static final String SHARD_TIMESTAMP_DEFAULT = "";
    private static final String SHARD_TIMESTAMP_DOC = "The start for kinesis.position=AT_TIMESTAMP: an ISO-8601 "
            + "instant such as 2024-01-31T10:00:00Z, or epoch milliseconds.";
    private static final String SHARD_TIMESTAMP_DISPLAY = "Start timestamp";

    public static final String TRIMMED_ACTION_CONFIG = "kinesis.position.trimmed.action";
    public static final String TRIMMED_ACTION_DEFAULT = TrimmedPositionAction.CONTINUE.configValue();
    private static final String TRIMMED_ACTION_DOC = "What to do when a committed position is older than the shard's "
            + "trim horizon, so records after it have expired unread: continue (log a WARN, count it in the "
            + "trimmed-position-resets-total metric, read on from the trim horizon) or fail (fail the task).";
    private static final String TRIMMED_ACTION_DISPLAY = "Trimmed position action";

    public static final String RECORD_LIMIT_CONFIG = "kinesis.record.limit";
    public static final int RECORD_LIMIT_DEFAULT = 10_000;
    private static final String RECORD_LIMIT_DOC = "The most records one GetRecords call returns (its Limit). The "
            + "default is Kinesis's maximum, as the KCL's: a page is at most 10 MiB either way, and a backlog drains in "
            + "as few calls as the stream allows. Under Kinesis's read limit (2 MiB/s per shard) a large page is paid "
            + "for with throttled reads after it, which the task backs off from (kinesis.throughput.exceeded.backoff.ms).";
    private static final String RECORD_LIMIT_DISPLAY = "Records per GetRecords";

    public static final String POLL_INTERVAL_MS_CONFIG = "kinesis.shard.poll.interval.ms";
    public static final long POLL_INTERVAL_MS_DEFAULT = 200L;
    private static final String POLL_INTERVAL_MS_DOC = "The least time between two GetRecords calls on one shard. "
            + "Kinesis allows 5 reads per second per shard across all readers; the default 200 takes all of them.";
    private static final String POLL_INTERVAL_MS_DISPLAY = "Shard poll interval (ms)";

    public static final String EMPTY_RECORDS_BACKOFF_MS_CONFIG = "kinesis.empty.records.backoff.ms";
    public static final long EMPTY_RECORDS_BACKOFF_MS_DEFAULT = 200L;
    private static final String EMPTY_RECORDS_BACKOFF_MS_DOC = "How long a shard rests after a GetRecords call that "
            + "returned no records (at least kinesis.shard.poll.interval.ms). The default keeps a record's delay to "
            + "Kafka under the 200 ms of Kinesis's shared fan-out for one reading application; when several "
            + "applications read a shard, raise it (and the poll interval) so they share its 5 reads per second.";
    private static final String EMPTY_RECORDS_BACKOFF_MS_DISPLAY = "Empty records backoff (ms)";

    public static final String THROUGHPUT_BACKOFF_MS_CONFIG = "kinesis.throughput.exceeded.backoff.ms";
    public static final long THROUGHPUT_BACKOFF_MS_DEFAULT = 1_000L;
    private static final String THROUGHPUT_BACKOFF_MS_DOC = "The base of the backoff after a throttled read "
            + "(ProvisionedThroughputExceededException) or a failed call; it doubles on each further failure of the "
            + "shard in a row, up to kinesis.throughput.exceeded.backoff.max.ms, and is jittered (between half and "
            + "all of it).";
    private static final String THROUGHPUT_BACKOFF_MS_DISPLAY = "Throttling backoff (ms)";

    public static final String THROUGHPUT_BACKOFF_MAX_MS_CONFIG = "kinesis.throughput.exceeded.backoff.max.ms";
    public static final long THROUGHPUT_BACKOFF_MAX_MS_DEFAULT = 30_000L;
    private static final String THROUGHPUT_BACKOFF_MAX_MS_DOC = "The longest backoff of a shard after throttled "
            + "reads or failed calls, in milliseconds.";
    private static final String THROUGHPUT_BACKOFF_MAX_MS_DISPLAY = "Max throttling backoff (ms)";

    public static final String DISCOVERY_INTERVAL_MS_CONFIG = "kinesis.shard.discovery.interval.ms";
    public static final long DISCOVERY_INTERVAL_MS_DEFAULT = 30_000L;
    private static final String DISCOVERY_INTERVAL_MS_DOC = "How often the connector lists the streams' shards "
            + "(ListShards) to find new streams, reshards and drained parent shards.";
    private static final String DISCOVERY_INTERVAL_MS_DISPLAY = "Shard discovery interval (ms)";

    public static final String DEAGGREGATION_CONFIG = "kinesis.deaggregation.enabled";
    public static final boolean DEAGGREGATION_DEFAULT = false;
    private static final String DEAGGREGATION_DOC = "Split records the Kinesis Producer Library aggregated into their "
            + "user records, each with its own partition key; an aggregate that fails its checksum passes through "
            + "whole, with a WARN.";
    private static final String DEAGGREGATION_DISPLAY = "De-aggregate KPL records";
    /** The key's first name, read as before: named like the sink's {@code kinesis.aggregation.enabled} since. */
    public static final RenamedKey DEAGGREGATION_RENAMED =
            new RenamedKey("kinesis.record.deaggregation.enable", DEAGGREGATION_CONFIG);

    public static final String FANOUT_MODE_CONFIG = "kinesis.fanout.mode";
    public static final String FANOUT_MODE_DEFAULT = FanOutMode.SHARED.configValue();
    private static final String FANOUT_MODE_DOC = "shared: poll each shard with GetRecords, sharing its 2 MiB/s and "
            + "5 reads/s with every other reader of the stream. enhanced: register a stream consumer "
            + "(kinesis.fanout.consumer.name) and have each shard's records pushed with SubscribeToShard, with "
            + "2 MiB/s of its own per shard and no polling delay. Offsets are the same in both, so switching keeps "
            + "the position.";
    private static final String FANOUT_MODE_DISPLAY = "Fan-out mode";

    public static final String FANOUT_CONSUMER_NAME_CONFIG = "kinesis.fanout.consumer.name";
    public static final String FANOUT_CONSUMER_NAME_DEFAULT = "";
    private static final String FANOUT_CONSUMER_NAME_DOC = "The stream consumer enhanced fan-out reads as, on every "
            + "stream read; registered when missing, reused when it exists, never deregistered by the connector "
            + "(deregister it when the connector is deleted). Empty: the connector's name. Letters, digits, _ . -; "
            + "at most 128.";
    private static final String FANOUT_CONSUMER_NAME_DISPLAY = "Enhanced fan-out consumer name";
    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    public static final String TOPIC_CONFIG = "kafka.topic";
    private static final String TOPIC_DOC = "The topic to write to. ${stream} stands for the stream name, as in "
            + "kinesis-${stream}; it is required when several streams are read.";
    private static final String TOPIC_DISPLAY = "Topic";

    public static final String KEY_FORMAT_CONFIG = "kafka.key.format";
    public static final String KEY_FORMAT_DEFAULT = KeyFormat.PARTITION_KEY.configValue();
    private static final String KEY_FORMAT_DOC = "The record key: partition-key (the Kinesis partition key as a "
            + "string), none, or metadata (a struct of stream, shard_id, sequence_number, sub_sequence_number, "
            + "partition_key, approximate_arrival_time).";
    private static final String KEY_FORMAT_DISPLAY = "Key format";

    public static final String VALUE_FORMAT_CONFIG = "kafka.value.format";
    public static final String VALUE_FORMAT_DEFAULT = ValueFormat.BYTES.configValue();
    private static final String VALUE_FORMAT_DOC = "The record value: bytes (the data as is), string (the data as "
            + "UTF-8) or json (the data parsed as JSON without a schema: an object becomes a map, ready for the pump "
            + "transform; data that is not JSON passes as bytes, with a WARN).";
    private static final String VALUE_FORMAT_DISPLAY = "Value format";

    public static final String PARTITIONER_CONFIG = "kafka.partitioner";
    public static final String PARTITIONER_DEFAULT = PartitionerMode.KEY.configValue();
    private static final String PARTITIONER_DOC = "key: the producer picks the partition from the key (records of "
            + "one partition key stay in order). shard: all records of a shard go to one partition, picked from the "
            + "shard id and kafka.topic.partitions, so each shard's order is kept as a whole.";
    private static final String PARTITIONER_DISPLAY = "Partitioner";

    public static final String TOPIC_PARTITIONS_CONFIG = "kafka.topic.partitions";
    public static final int TOPIC_PARTITIONS_DEFAULT = 1;
    private static final String TOPIC_PARTITIONS_DOC = "The partition count of the target topics, for "
            + "kafka.partitioner=shard (required there); records of a shard go to partition (shard number mod this).";
    private static final String TOPIC_PARTITIONS_DISPLAY = "Topic partitions";

    private static final Choice<StartPosition> POSITIONS = Choice.of(StartPosition.class);
    private static final Choice<TrimmedPositionAction> TRIMMED_ACTIONS = Choice.of(TrimmedPositionAction.class);
    private static final Choice<FanOutMode> FAN_OUT_MODES = Choice.of(FanOutMode.class);
    private static final Choice<KeyFormat> KEY_FORMATS = Choice.of(KeyFormat.class);
    private static final Choice<ValueFormat> VALUE_FORMATS = Choice.of(ValueFormat.class);
    private static final Choice<PartitionerMode> PARTITIONERS = Choice.of(PartitionerMode.class);

    /** Every key of the connector; tasks add theirs to a copy ({@link KinesisSourceTaskConfig}). */
    public static final ConfigDef CONFIG_DEF = configDef();

    private final KinesisConnection connection;
    private final List<String> streams;
    private final Optional<Pattern> streamPattern;
    private final Pattern shardIdPattern;
    private final StartPosition startPosition;
    private final Optional<Instant> shardTimestamp;
    private final TrimmedPositionAction trimmedPositionAction;
    private final String topicTemplate;
    private final KeyFormat keyFormat;
    private final ValueFormat valueFormat;
    private final PartitionerMode partitioner;
    private final FanOutMode fanOutMode;

    public KinesisSourceConnectorConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    protected KinesisSourceConnectorConfig(ConfigDef def, Map<String, String> props) {
        super(def, DEAGGREGATION_RENAMED.apply(props));
        KeyErrors errors = crossKeyErrors(props);
        if (!errors.isEmpty()) {
            throw errors.toException("Kinesis source configuration");
        }
        connection = KinesisConnectionConfig.parse(props);
        streams = getList(STREAM_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        String regex = getString(STREAM_REGEX_CONFIG).trim();
        streamPattern = regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex));
        shardIdPattern = Pattern.compile(getString(SHARD_ID_CONFIG).trim());
        startPosition = POSITIONS.parse(POSITION_CONFIG, getString(POSITION_CONFIG));
        shardTimestamp = parseTimestamp(getString(SHARD_TIMESTAMP_CONFIG));
        trimmedPositionAction = TRIMMED_ACTIONS.parse(TRIMMED_ACTION_CONFIG, getString(TRIMMED_ACTION_CONFIG));
        topicTemplate = getString(TOPIC_CONFIG).trim();
        keyFormat = KEY_FORMATS.parse(KEY_FORMAT_CONFIG, getString(KEY_FORMAT_CONFIG));
        valueFormat = VALUE_FORMATS.parse(VALUE_FORMAT_CONFIG, getString(VALUE_FORMAT_CONFIG));
        partitioner = PARTITIONERS.parse(PARTITIONER_CONFIG, getString(PARTITIONER_CONFIG));
        fanOutMode = FAN_OUT_MODES.parse(FANOUT_MODE_CONFIG, getString(FANOUT_MODE_CONFIG));
    }

    private static ConfigDef configDef() {
        ConfigDef def = KinesisConnectionConfig.update(new ConfigDef());
        int order = 0;
        def.define(STREAM_CONFIG, Type.LIST, "", new StreamNamesValidator(), Importance.HIGH, STREAM_DOC,
                        SOURCE_GROUP, ++order, Width.LONG, STREAM_DISPLAY)
                .define(STREAM_REGEX_CONFIG, Type.STRING, STREAM_REGEX_DEFAULT, new RegexValidator(),
                        Importance.MEDIUM, STREAM_REGEX_DOC, SOURCE_GROUP, ++order, Width.LONG, STREAM_REGEX_DISPLAY)
                .define(SHARD_ID_CONFIG, Type.STRING, SHARD_ID_DEFAULT, new RegexValidator(), Importance.LOW,
                        SHARD_ID_DOC, SOURCE_GROUP, ++order, Width.MEDIUM, SHARD_ID_DISPLAY)
                .define(POSITION_CONFIG, Type.STRING, POSITION_DEFAULT, POSITIONS, Importance.HIGH, POSITION_DOC,
                        SOURCE_GROUP, ++order, Width.SHORT, POSITION_DISPLAY, POSITIONS)
                .define(SHARD_TIMESTAMP_CONFIG, Type.STRING, SHARD_TIMESTAMP_DEFAULT, new TimestampValidator(),
                        Importance.MEDIUM, SHARD_TIMESTAMP_DOC, SOURCE_GROUP, ++order, Width.MEDIUM,
                        SHARD_TIMESTAMP_DISPLAY)
                .define(TRIMMED_ACTION_CONFIG, Type.STRING, TRIMMED_ACTION_DEFAULT, TRIMMED_ACTIONS,
                        Importance.MEDIUM, TRIMMED_ACTION_DOC, SOURCE_GROUP, ++order, Width.SHORT,
                        TRIMMED_ACTION_DISPLAY, TRIMMED_ACTIONS);
        order = 0;
        def.define(RECORD_LIMIT_CONFIG, Type.INT, RECORD_LIMIT_DEFAULT, Range.between(1, 10_000), Importance.LOW,
                        RECORD_LIMIT_DOC, POLLING_GROUP, ++order, Width.SHORT, RECORD_LIMIT_DISPLAY)
                .define(POLL_INTERVAL_MS_CONFIG, Type.LONG, POLL_INTERVAL_MS_DEFAULT, Range.between(0L, 60_000L),
                        Importance.MEDIUM, POLL_INTERVAL_MS_DOC, POLLING_GROUP, ++order, Width.SHORT,
                        POLL_INTERVAL_MS_DISPLAY)
                .define(EMPTY_RECORDS_BACKOFF_MS_CONFIG, Type.LONG, EMPTY_RECORDS_BACKOFF_MS_DEFAULT,
                        Range.between(0L, 60_000L), Importance.LOW, EMPTY_RECORDS_BACKOFF_MS_DOC, POLLING_GROUP,
                        ++order, Width.SHORT, EMPTY_RECORDS_BACKOFF_MS_DISPLAY)
                .define(THROUGHPUT_BACKOFF_MS_CONFIG, Type.LONG, THROUGHPUT_BACKOFF_MS_DEFAULT,
                        Range.between(1L, 60_000L), Importance.LOW, THROUGHPUT_BACKOFF_MS_DOC, POLLING_GROUP,
                        ++order, Width.SHORT, THROUGHPUT_BACKOFF_MS_DISPLAY)
                .define(THROUGHPUT_BACKOFF_MAX_MS_CONFIG, Type.LONG, THROUGHPUT_BACKOFF_MAX_MS_DEFAULT,
                        Range.between(1L, 600_000L), Importance.LOW, THROUGHPUT_BACKOFF_MAX_MS_DOC, POLLING_GROUP,
                        ++order, Width.SHORT, THROUGHPUT_BACKOFF_MAX_MS_DISPLAY)
                .define(DISCOVERY_INTERVAL_MS_CONFIG, Type.LONG, DISCOVERY_INTERVAL_MS_DEFAULT,
                        Range.between(100L, 3_600_000L), Importance.LOW, DISCOVERY_INTERVAL_MS_DOC, POLLING_GROUP,
                        ++order, Width.SHORT, DISCOVERY_INTERVAL_MS_DISPLAY)
                .define(DEAGGREGATION_CONFIG, Type.BOOLEAN, DEAGGREGATION_DEFAULT, Importance.MEDIUM,
                        DEAGGREGATION_DOC, POLLING_GROUP, ++order, Width.SHORT, DEAGGREGATION_DISPLAY)
                .define(DEAGGREGATION_RENAMED.oldKey(), Type.BOOLEAN, null, Importance.LOW,
                        DEAGGREGATION_RENAMED.deprecatedDoc(), POLLING_GROUP, ++order, Width.SHORT,
                        DEAGGREGATION_DISPLAY + " (deprecated key)")
                .define(FANOUT_MODE_CONFIG, Type.STRING, FANOUT_MODE_DEFAULT, FAN_OUT_MODES, Importance.MEDIUM,
                        FANOUT_MODE_DOC, POLLING_GROUP, ++order, Width.SHORT, FANOUT_MODE_DISPLAY, FAN_OUT_MODES)
                .define(FANOUT_CONSUMER_NAME_CONFIG, Type.STRING, FANOUT_CONSUMER_NAME_DEFAULT,
                        new ConsumerNameValidator(), Importance.LOW, FANOUT_CONSUMER_NAME_DOC, POLLING_GROUP, ++order,
                        Width.MEDIUM, FANOUT_CONSUMER_NAME_DISPLAY);
        order = 0;
        def.define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new TopicTemplateValidator(),
                        Importance.HIGH, TOPIC_DOC, RECORD_GROUP, ++order, Width.LONG, TOPIC_DISPLAY)
                .define(KEY_FORMAT_CONFIG, Type.STRING, KEY_FORMAT_DEFAULT, KEY_FORMATS, Importance.MEDIUM,
                        KEY_FORMAT_DOC, RECORD_GROUP, ++order, Width.SHORT, KEY_FORMAT_DISPLAY, KEY_FORMATS)
                .define(VALUE_FORMAT_CONFIG, Type.STRING, VALUE_FORMAT_DEFAULT, VALUE_FORMATS, Importance.MEDIUM,
                        VALUE_FORMAT_DOC, RECORD_GROUP, ++order, Width.SHORT, VALUE_FORMAT_DISPLAY, VALUE_FORMATS)
                .define(PARTITIONER_CONFIG, Type.STRING, PARTITIONER_DEFAULT, PARTITIONERS, Importance.LOW,
                        PARTITIONER_DOC, RECORD_GROUP, ++order, Width.SHORT, PARTITIONER_DISPLAY, PARTITIONERS)
                .define(TOPIC_PARTITIONS_CONFIG, Type.INT, TOPIC_PARTITIONS_DEFAULT, Range.between(1, 1_000_000),
                        Importance.LOW, TOPIC_PARTITIONS_DOC, RECORD_GROUP, ++order, Width.SHORT,
                        TOPIC_PARTITIONS_DISPLAY);
        return def;
    }

    /**
     * The rules across this config's own keys (the connection fragment checks its own), for raw properties. A key
     * whose value is invalid on its own counts as its default here; its own validator reports it.
     */
    public static KeyErrors crossKeyErrors(Map<String, String> props) {
        KeyErrors errors = new KeyErrors();
        RawConfig raw = new RawConfig(props);
        List<String> streams = raw.isSet(STREAM_CONFIG)
                ? List.of(props.get(STREAM_CONFIG).split("\\s*,\\s*")).stream().filter(s -> !s.isBlank()).toList()
                : List.of();
        boolean regex = raw.isSet(STREAM_REGEX_CONFIG);
        if (streams.isEmpty() && !regex) {
            errors.add(STREAM_CONFIG, STREAM_CONFIG + " is required: set it to the stream to read (or a "
                    + "comma-separated list), or set " + STREAM_REGEX_CONFIG + " to a pattern of stream names");
        } else if (!streams.isEmpty() && regex) {
            errors.add(STREAM_REGEX_CONFIG, STREAM_CONFIG + " and " + STREAM_REGEX_CONFIG + " are both set: set "
                    + "only one of them");
        }
        String topic = props.get(TOPIC_CONFIG);
        if (topic != null && !topic.contains(STREAM_PLACEHOLDER) && (streams.size() > 1 || regex)) {
            errors.add(TOPIC_CONFIG, TOPIC_CONFIG + " must contain " + STREAM_PLACEHOLDER + " when several streams "
                    + "are read (" + (regex ? STREAM_REGEX_CONFIG + " is set" : STREAM_CONFIG + " lists "
                    + streams.size()) + "), so each stream gets its own topic: use e.g. kinesis-"
                    + STREAM_PLACEHOLDER);
        }
        Optional<StartPosition> position = raw.choice(POSITION_CONFIG, POSITIONS, POSITION_DEFAULT);
        boolean timestamp = raw.isSet(SHARD_TIMESTAMP_CONFIG);
        if (position.isPresent() && position.get() == StartPosition.AT_TIMESTAMP && !timestamp) {
            errors.add(SHARD_TIMESTAMP_CONFIG, SHARD_TIMESTAMP_CONFIG + " is required when " + POSITION_CONFIG
                    + "=AT_TIMESTAMP: set it to an ISO-8601 instant such as 2024-01-31T10:00:00Z, or to epoch "
                    + "milliseconds");
        } else if (position.isPresent() && position.get() != StartPosition.AT_TIMESTAMP && timestamp) {
            errors.add(SHARD_TIMESTAMP_CONFIG, SHARD_TIMESTAMP_CONFIG + " is only used with " + POSITION_CONFIG
                    + "=AT_TIMESTAMP, and " + POSITION_CONFIG + " is " + position.get().configValue() + ": set "
                    + POSITION_CONFIG + "=AT_TIMESTAMP, or remove " + SHARD_TIMESTAMP_CONFIG);
        }
        raw.requireAtLeast(THROUGHPUT_BACKOFF_MAX_MS_CONFIG, THROUGHPUT_BACKOFF_MAX_MS_DEFAULT,
                THROUGHPUT_BACKOFF_MS_CONFIG, THROUGHPUT_BACKOFF_MS_DEFAULT, errors);
        DEAGGREGATION_RENAMED.check(raw, errors);
        Optional<FanOutMode> fanOut = raw.choice(FANOUT_MODE_CONFIG, FAN_OUT_MODES, FANOUT_MODE_DEFAULT);
        if (fanOut.isPresent() && fanOut.get() == FanOutMode.ENHANCED && !raw.isSet(FANOUT_CONSUMER_NAME_CONFIG)) {
            String name = props.getOrDefault("name", "");
            if (!CONSUMER_NAME.matcher(name == null ? "" : name).matches()) {
                errors.add(FANOUT_CONSUMER_NAME_CONFIG, FANOUT_CONSUMER_NAME_CONFIG + " is required when "
                        + FANOUT_MODE_CONFIG + "=enhanced and the connector's name '" + name + "' is not a valid "
                        + "consumer name (letters, digits, _ . - only, at most 128): set it to one");
            }
        }
        Optional<PartitionerMode> partitioner = raw.choice(PARTITIONER_CONFIG, PARTITIONERS, PARTITIONER_DEFAULT);
        if (partitioner.isPresent() && partitioner.get() == PartitionerMode.SHARD
                && !raw.isSet(TOPIC_PARTITIONS_CONFIG)) {
            errors.add(TOPIC_PARTITIONS_CONFIG, TOPIC_PARTITIONS_CONFIG + " is required when " + PARTITIONER_CONFIG
                    + "=shard: set it to the partition count of the target topics");
        }
        return errors;
    }

    public FanOutMode fanOutMode() {
        return fanOutMode;
    }

    /** The consumer enhanced fan-out reads as: {@value #FANOUT_CONSUMER_NAME_CONFIG}, else the connector's name. */
    public String fanOutConsumerName() {
        String name = getString(FANOUT_CONSUMER_NAME_CONFIG).trim();
        return name.isEmpty() ? originalsStrings().getOrDefault("name", "") : name;
    }

    public KinesisConnection connection() {
        return connection;
    }

    /** The streams of {@value #STREAM_CONFIG}, in order, without duplicates; empty when a regex is used. */
    public List<String> streams() {
        return streams;
    }

    /** {@value #STREAM_REGEX_CONFIG}, when set. */
    public Optional<Pattern> streamPattern() {
        return streamPattern;
    }

    public Pattern shardIdPattern() {
        return shardIdPattern;
    }

    public StartPosition startPosition() {
        return startPosition;
    }

    /** Present exactly when {@link #startPosition()} is {@code AT_TIMESTAMP}. */
    public Optional<Instant> shardTimestamp() {
        return shardTimestamp;
    }

    public TrimmedPositionAction trimmedPositionAction() {
        return trimmedPositionAction;
    }

    public int recordLimit() {
        return getInt(RECORD_LIMIT_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    public Duration emptyRecordsBackoff() {
        return Duration.ofMillis(getLong(EMPTY_RECORDS_BACKOFF_MS_CONFIG));
    }

    public Duration throughputExceededBackoff() {
        return Duration.ofMillis(getLong(THROUGHPUT_BACKOFF_MS_CONFIG));
    }

    public Duration throughputExceededBackoffMax() {
        return Duration.ofMillis(getLong(THROUGHPUT_BACKOFF_MAX_MS_CONFIG));
    }

    public Duration discoveryInterval() {
        return Duration.ofMillis(getLong(DISCOVERY_INTERVAL_MS_CONFIG));
    }

    public boolean deaggregation() {
        return getBoolean(DEAGGREGATION_CONFIG);
    }

    /** The topic for {@code stream}'s records: {@value #TOPIC_CONFIG} with the placeholder replaced. */
    public String topicFor(String stream) {
        return topicTemplate.replace(STREAM_PLACEHOLDER, stream);
    }

    public KeyFormat keyFormat() {
        return keyFormat;
    }

    public ValueFormat valueFormat() {
        return valueFormat;
    }

    public PartitionerMode partitioner() {
        return partitioner;
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS_CONFIG);
    }

    static Optional<Instant> parseTimestamp(String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        }
        return Optional.of(Instant.parse(text));
    }

    /** Kinesis stream names: 1 to 128 of a-z A-Z 0-9 _ . - */
    static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    /** Empty (the connector's name), or a name Kinesis accepts for a stream consumer. */
    private static final class ConsumerNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : ((String) value).trim();
            if (!text.isEmpty() && !CONSUMER_NAME.matcher(text).matches()) {
                throw new ConfigException(name, value, "a consumer name has 1 to 128 letters, digits, _ . or -");
            }
        }

        @Override
        public String toString() {
            return "empty, or 1 to 128 of [a-zA-Z0-9_.-]";
        }
    }

    private static final class StreamNamesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) value;
            for (String stream : names) {
                if (!stream.isBlank() && !STREAM_NAME.matcher(stream.trim()).matches()) {
                    throw new ConfigException(name, value, "'" + stream + "' is not a stream name: a name has 1 to "
                            + "128 of the characters a-z A-Z 0-9 _ . -");
                }
            }
        }

        @Override
        public String toString() {
            return "stream names, comma-separated";
        }
    }

    private static final class RegexValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                Pattern.compile(((String) value).trim());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "must be a Java regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }

        @Override
        public String toString() {
            return "a Java regular expression";
        }
    }

    private static final class TimestampValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                parseTimestamp((String) value);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new ConfigException(name, value, "must be an ISO-8601 instant such as 2024-01-31T10:00:00Z, "
                        + "or epoch milliseconds");
            }
        }

        @Override
        public String toString() {
            return "empty, an ISO-8601 instant, or epoch milliseconds";
        }
    }

    private static final class TopicTemplateValidator implements ConfigDef.Validator {
        // A topic name after the placeholder is replaced by a stream name (which has only legal characters).
        private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");

        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : ((String) value).trim();
            if (!TOPIC.matcher(text.replace(STREAM_PLACEHOLDER, "s")).matches() || text.length() > 249) {
                throw new ConfigException(name, value, "must be a topic name (letters, digits, . _ -), optionally "
                        + "with " + STREAM_PLACEHOLDER + " for the stream name, such as kinesis-" + STREAM_PLACEHOLDER);
            }
        }

        @Override
        public String toString() {
            return "a topic name, " + STREAM_PLACEHOLDER + " standing for the stream";
        }
    }
}
