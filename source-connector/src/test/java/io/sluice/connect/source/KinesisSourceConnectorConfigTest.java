package io.sluice.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.source.config.FanOutMode;
import io.sluice.connect.source.config.KeyFormat;
import io.sluice.connect.source.config.PartitionerMode;
import io.sluice.connect.source.config.StartPosition;
import io.sluice.connect.source.config.TrimmedPositionAction;
import io.sluice.connect.source.config.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class KinesisSourceConnectorConfigTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("kinesis.stream", "orders");
        props.put("kafka.topic", "kinesis-${stream}");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void parsesDefaultsIntoTypedValues() {
        KinesisSourceConnectorConfig config = new KinesisSourceConnectorConfig(props());

        assertThat(config.streams()).containsExactly("orders");
        assertThat(config.streamPattern()).isEmpty();
        assertThat(config.shardIdPattern().pattern()).isEqualTo(".*");
        assertThat(config.startPosition()).isEqualTo(StartPosition.TRIM_HORIZON);
        assertThat(config.shardTimestamp()).isEmpty();
        assertThat(config.trimmedPositionAction()).isEqualTo(TrimmedPositionAction.CONTINUE);
        assertThat(config.recordLimit()).isEqualTo(10_000);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.emptyRecordsBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.throughputExceededBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.discoveryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.deaggregation()).isFalse();
        assertThat(config.topicFor("orders")).isEqualTo("kinesis-orders");
        assertThat(config.keyFormat()).isEqualTo(KeyFormat.PARTITION_KEY);
        assertThat(config.valueFormat()).isEqualTo(ValueFormat.BYTES);
        assertThat(config.partitioner()).isEqualTo(PartitionerMode.KEY);
        assertThat(config.connection().endpointOverride()).isEmpty();
        assertThat(config.fanOutMode()).isEqualTo(FanOutMode.SHARED);
    }

    @Test
    void enhancedFanOutReadsAsTheConnectorUnlessAConsumerIsNamed() {
        assertThat(new KinesisSourceConnectorConfig(props("name", "orders-to-kafka", "kinesis.fanout.mode", "enhanced"))
                .fanOutConsumerName()).isEqualTo("orders-to-kafka");
        KinesisSourceConnectorConfig named = new KinesisSourceConnectorConfig(props("name", "orders-to-kafka",
                "kinesis.fanout.mode", "ENHANCED", "kinesis.fanout.consumer.name", "audit"));
        assertThat(named.fanOutMode()).isEqualTo(FanOutMode.ENHANCED);
        assertThat(named.fanOutConsumerName()).isEqualTo("audit");
        assertThatThrownBy(() -> new KinesisSourceConnectorConfig(props("name", "orders to kafka",
                "kinesis.fanout.mode", "enhanced")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid Kinesis source configuration: kinesis.fanout.consumer.name is required when"
                        + " kinesis.fanout.mode=enhanced and the "
                        + "connector's name 'orders to kafka' is not a valid consumer name (letters, digits, _ . - "
                        + "only, at most 128): set it to one");
    }

    @Test
    void parsesEveryChoiceAndTheTimestampForms() {
        KinesisSourceConnectorConfig config = new KinesisSourceConnectorConfig(props(
                "kinesis.stream", " orders , clicks ,orders", "kinesis.position", "at_timestamp",
                "kinesis.shard.timestamp", "2024-01-31T10:00:00Z", "kinesis.position.trimmed.action", "FAIL",
                "kafka.key.format", "metadata", "kafka.value.format", "json", "kafka.partitioner", "shard",
                "kafka.topic.partitions", "6"));

        assertThat(config.streams()).containsExactly("orders", "clicks");
        assertThat(config.startPosition()).isEqualTo(StartPosition.AT_TIMESTAMP);
        assertThat(config.shardTimestamp()).contains(Instant.parse("2024-01-31T10:00:00Z"));
        assertThat(config.trimmedPositionAction()).isEqualTo(TrimmedPositionAction.FAIL);
        assertThat(config.keyFormat()).isEqualTo(KeyFormat.METADATA);
        assertThat(config.valueFormat()).isEqualTo(ValueFormat.JSON);
        assertThat(config.partitioner()).isEqualTo(PartitionerMode.SHARD);
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(KinesisSourceConnectorConfig.parseTimestamp("1706695200000"))
                .contains(Instant.parse("2024-01-31T10:00:00Z"));
    }

    @Test
    void crossKeyErrorsNameTheOffendingKey() {
        Map<String, String> noStream = props();
        noStream.remove("kinesis.stream");
        assertThat(KinesisSourceConnectorConfig.crossKeyErrors(noStream).asMap()).containsOnlyKeys("kinesis.stream");
        assertThat(KinesisSourceConnectorConfig.crossKeyErrors(props("kinesis.stream.regex", "o.*")).asMap())
                .isEqualTo(Map.of("kinesis.stream.regex",
                        List.of("kinesis.stream and kinesis.stream.regex are both set: set only one of them")));
        assertThat(KinesisSourceConnectorConfig.crossKeyErrors(props("kinesis.shard.timestamp", "0")).asMap())
                .isEqualTo(Map.of("kinesis.shard.timestamp", List.of("kinesis.shard.timestamp is only used with "
                        + "kinesis.position=AT_TIMESTAMP, and kinesis.position is TRIM_HORIZON: set "
                        + "kinesis.position=AT_TIMESTAMP, or remove kinesis.shard.timestamp")));
        assertThat(KinesisSourceConnectorConfig.crossKeyErrors(props("kafka.partitioner", "shard")).asMap())
                .isEqualTo(Map.of("kafka.topic.partitions", List.of("kafka.topic.partitions is required when "
                        + "kafka.partitioner=shard: set it to the partition count of the target topics")));
        Map<String, String> regexOneTopic = props("kafka.topic", "all", "kinesis.stream.regex", "o.*");
        regexOneTopic.remove("kinesis.stream");
        assertThat(KinesisSourceConnectorConfig.crossKeyErrors(regexOneTopic).asMap()).isEqualTo(Map.of(
                "kafka.topic",
                List.of("kafka.topic must contain ${stream} when several streams are read (kinesis.stream.regex is "
                        + "set), so each stream gets its own topic: use e.g. kinesis-${stream}")));
        assertThat(KinesisSourceConnectorConfig.crossKeyErrors(props("kafka.topic", "one")).asMap()).isEmpty();
    }

    @Test
    void constructionFailsWithEveryCrossKeyError() {
        assertThatThrownBy(() -> new KinesisSourceConnectorConfig(props("kinesis.position", "AT_TIMESTAMP",
                "kafka.partitioner", "shard")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid Kinesis source configuration: kinesis.shard.timestamp is required when"
                        + " kinesis.position=AT_TIMESTAMP: set it to an "
                        + "ISO-8601 instant such as 2024-01-31T10:00:00Z, or to epoch milliseconds; "
                        + "kafka.topic.partitions is required when kafka.partitioner=shard: set it to the partition "
                        + "count of the target topics");
    }

    @Test
    void readsTheDeaggregationKeyByItsFormerNameToo() {
        assertThat(new KinesisSourceConnectorConfig(props("kinesis.deaggregation.enabled", "true")).deaggregation())
                .isTrue();
        assertThat(new KinesisSourceConnectorConfig(props("kinesis.record.deaggregation.enable", "true"))
                .deaggregation()).isTrue();
        assertThat(new KinesisSourceConnectorConfig(props("kinesis.record.deaggregation.enable", "true",
                "kinesis.deaggregation.enabled", "true")).deaggregation()).isTrue();
        assertThatThrownBy(() -> new KinesisSourceConnectorConfig(props("kinesis.record.deaggregation.enable",
                "true", "kinesis.deaggregation.enabled", "false")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid Kinesis source configuration: kinesis.record.deaggregation.enable is the "
                        + "deprecated name of kinesis.deaggregation.enabled, and the two are set to different "
                        + "values: remove kinesis.record.deaggregation.enable");
    }

    @Test
    void theThrottlingBackoffHasAConfigurableMaximumNotBelowItsBase() {
        KinesisSourceConnectorConfig config = new KinesisSourceConnectorConfig(props(
                "kinesis.throughput.exceeded.backoff.ms", "50", "kinesis.throughput.exceeded.backoff.max.ms", "400"));
        assertThat(config.throughputExceededBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.throughputExceededBackoffMax()).isEqualTo(Duration.ofMillis(400));
        assertThat(new KinesisSourceConnectorConfig(props()).throughputExceededBackoffMax())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(KinesisSourceConnectorConfig.crossKeyErrors(props("kinesis.throughput.exceeded.backoff.ms",
                "5000", "kinesis.throughput.exceeded.backoff.max.ms", "1000")).asMap())
                .isEqualTo(Map.of("kinesis.throughput.exceeded.backoff.max.ms", List.of(
                        "kinesis.throughput.exceeded.backoff.max.ms (1000) is less than "
                                + "kinesis.throughput.exceeded.backoff.ms (5000): raise it to at least 5000")));
    }

    @Test
    void everyKeyIsFullyDefinedAndChoicesHaveRecommenders() {
        for (ConfigKey key : KinesisSourceConnectorConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as("doc of %s", key.name).isNotBlank();
            assertThat(key.group).as("group of %s", key.name).isNotBlank();
            assertThat(key.displayName).as("display name of %s", key.name).isNotBlank();
            assertThat(key.orderInGroup).as("order of %s", key.name).isPositive();
        }
        for (String choice : List.of("kinesis.position", "kinesis.position.trimmed.action", "kafka.key.format",
                "kafka.value.format", "kafka.partitioner")) {
            ConfigKey key = KinesisSourceConnectorConfig.CONFIG_DEF.configKeys().get(choice);
            assertThat(key.recommender).as("recommender of %s", choice).isNotNull();
            assertThat(key.validator).as("validator of %s", choice).isNotNull();
        }
        assertThat(KinesisSourceConnectorConfig.CONFIG_DEF.configKeys().get("kinesis.position").recommender
                .validValues("kinesis.position", Map.of())).containsExactly("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");
    }

    @Test
    void taskConfigAddsTheAssignmentToTheConnectorConfig() {
        Map<String, String> props = KinesisSourceTaskConfig.taskProps(props(),
                List.of(new ShardRef("orders", "shardId-000000000002"), new ShardRef("orders", "shardId-000000000003")),
                Set.of(new ShardRef("orders", "shardId-000000000003")));
        KinesisSourceTaskConfig config = new KinesisSourceTaskConfig(props);

        assertThat(config.shards()).containsExactly(new ShardRef("orders", "shardId-000000000002"),
                new ShardRef("orders", "shardId-000000000003"));
        assertThat(config.startsFromTrimHorizon(new ShardRef("orders", "shardId-000000000002"))).isFalse();
        assertThat(config.startsFromTrimHorizon(new ShardRef("orders", "shardId-000000000003"))).isTrue();
        assertThat(KinesisSourceConnectorConfig.CONFIG_DEF.names())
                .as("task-only keys stay off the connector's ConfigDef").doesNotContain("task.assigned.shards");
    }
}
