package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.common.config.ConnectorValidation;
import io.sluice.connect.sink.config.DataFormat;
import io.sluice.connect.sink.config.ExplicitHashKeyMode;
import io.sluice.connect.sink.config.PartitionKeySource;
import io.sluice.connect.sink.config.StreamCapacity;
import io.sluice.connect.sink.config.TombstoneBehavior;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class KinesisSinkConnectorConfigTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("kinesis.stream", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    /** Errors per key as Connector.validate() reports them (own validators and cross-key rules). */
    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config config = ConnectorValidation.validate(new Config(KinesisSinkConnectorConfig.CONFIG_DEF.validate(props)),
                props, KinesisSinkConnectorConfig.crossKeyErrors(props), probe -> { });
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void defaultsAreKeyPartitionKeysAutoDataSkippedTombstonesAndNoAutoCreate() {
        KinesisSinkConnectorConfig config = new KinesisSinkConnectorConfig(props());
        assertThat(config.stream().isTemplate()).isFalse();
        assertThat(config.stream().streamFor("any")).isEqualTo("orders");
        assertThat(config.autoCreate()).isFalse();
        assertThat(config.autoCreateCapacity()).isEqualTo(new StreamCapacity(1));
        assertThat(config.partitionKeySource()).isEqualTo(PartitionKeySource.KEY);
        assertThat(config.explicitHashKeyMode()).isEqualTo(ExplicitHashKeyMode.NONE);
        assertThat(config.dataFormat()).isEqualTo(DataFormat.AUTO);
        assertThat(config.aggregationEnabled()).isFalse();
        assertThat(config.tombstoneBehavior()).isEqualTo(TombstoneBehavior.SKIP);
        assertThat(config.batchLinger()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.putRetriesMax()).isEqualTo(10);
        assertThat(config.putRetryBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.putRetryBackoffMax()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void parsesEverySettingIntoTypedValues() {
        KinesisSinkConnectorConfig config = new KinesisSinkConnectorConfig(props(
                "kinesis.stream", "kafka-${topic}", "kinesis.stream.auto.create", "true",
                "kinesis.stream.auto.create.shards", "ON_DEMAND", "kinesis.partition.key.source", "FIELD",
                "kinesis.partition.key.field", "user.id", "kinesis.explicit.hash.key", "partition",
                "kinesis.explicit.hash.key.partitions", "8", "kinesis.record.data.format", "json",
                "kinesis.aggregation.enabled", "true", "kinesis.tombstone.behavior", "fail",
                "kinesis.batch.linger.ms", "5", "kinesis.put.retries.max", "2", "kinesis.put.retry.backoff.ms", "7",
                "kinesis.put.retry.backoff.max.ms", "70"));
        assertThat(config.stream().streamFor("orders")).isEqualTo("kafka-orders");
        assertThat(config.autoCreateCapacity().onDemand()).isTrue();
        assertThat(config.partitionKeySource()).isEqualTo(PartitionKeySource.FIELD);
        assertThat(config.partitionKeyField()).containsExactly("user", "id");
        assertThat(config.explicitHashKeyMode()).isEqualTo(ExplicitHashKeyMode.PARTITION);
        assertThat(config.explicitHashKeyPartitions()).isEqualTo(8);
        assertThat(config.dataFormat()).isEqualTo(DataFormat.JSON);
        assertThat(config.aggregationEnabled()).isTrue();
        assertThat(config.tombstoneBehavior()).isEqualTo(TombstoneBehavior.FAIL);
        assertThat(config.batchLinger()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.putRetriesMax()).isEqualTo(2);
        assertThat(config.putRetryBackoffMax()).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void reportsAFieldSourceWithoutAPathOnThePathKey() {
        assertThat(errors(props("kinesis.partition.key.source", "field"))).isEqualTo(Map.of(
                "kinesis.partition.key.field", List.of("kinesis.partition.key.field is required when "
                        + "kinesis.partition.key.source=field: set it to the path of the value field that holds the "
                        + "key, such as user.id")));
    }

    @Test
    void reportsAConstantSourceWithoutAValueAndKeysTheSourceDoesNotUse() {
        assertThat(errors(props("kinesis.partition.key.source", "constant"))).isEqualTo(Map.of(
                "kinesis.partition.key.constant", List.of("kinesis.partition.key.constant is required when "
                        + "kinesis.partition.key.source=constant: set it to the partition key of every record")));
        assertThat(errors(props("kinesis.partition.key.field", "user.id"))).isEqualTo(Map.of(
                "kinesis.partition.key.field", List.of("kinesis.partition.key.field is not used with "
                        + "kinesis.partition.key.source=key: set kinesis.partition.key.source=field to use it, or "
                        + "remove kinesis.partition.key.field")));
    }

    @Test
    void reportsAnUnknownPlaceholderAndBadCharactersInTheStream() {
        assertThat(errors(props("kinesis.stream", "kafka-${topc}"))).isEqualTo(Map.of("kinesis.stream", List.of(
                "Invalid value kafka-${topc} for configuration kinesis.stream: has the unknown placeholder ${topc}; "
                        + "the only placeholder is ${topic}")));
        assertThat(errors(props("kinesis.stream", "my stream"))).isEqualTo(Map.of("kinesis.stream", List.of(
                "Invalid value my stream for configuration kinesis.stream: may hold only the characters a-z A-Z 0-9 "
                        + "_ . - besides ${topic}")));
        assertThat(errors(props("kinesis.stream", "${topic}"))).isEmpty();
    }

    @Test
    void reportsAnInvalidShardCountForCreatedStreams() {
        assertThat(errors(props("kinesis.stream.auto.create", "true", "kinesis.stream.auto.create.shards", "0")))
                .isEqualTo(Map.of("kinesis.stream.auto.create.shards", List.of("Invalid value 0 for configuration "
                        + "kinesis.stream.auto.create.shards: must be a shard count from 1 to 10000, or on-demand")));
    }

    @Test
    void reportsPartitionHashKeysWithoutASliceCountAndABackoffMaximumBelowTheBase() {
        assertThat(errors(props("kinesis.explicit.hash.key", "partition"))).isEqualTo(Map.of(
                "kinesis.explicit.hash.key.partitions", List.of("kinesis.explicit.hash.key.partitions is required "
                        + "when kinesis.explicit.hash.key=partition: set it to the topics' partition count")));
        assertThat(errors(props("kinesis.put.retry.backoff.ms", "500", "kinesis.put.retry.backoff.max.ms", "100")))
                .isEqualTo(Map.of("kinesis.put.retry.backoff.max.ms", List.of("kinesis.put.retry.backoff.max.ms "
                        + "(100) is less than kinesis.put.retry.backoff.ms (500): raise it to at least 500")));
    }

    @Test
    void reportsAnUnknownChoiceWithTheValidOnes() {
        assertThat(errors(props("kinesis.partition.key.source", "header"))).isEqualTo(Map.of(
                "kinesis.partition.key.source", List.of("Invalid value header for configuration "
                        + "kinesis.partition.key.source: must be one of key, field, partition, constant, random")));
    }

    @Test
    void constructorFailsOnCrossKeyErrorsToo() {
        assertThatThrownBy(() -> new KinesisSinkConnectorConfig(props("kinesis.partition.key.source", "constant")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid Kinesis sink configuration: kinesis.partition.key.constant is required when "
                        + "kinesis.partition.key.source=constant: set it to the partition key of every record");
    }

    @Test
    void recommendsTheChoicesOfEnumKeys() {
        Map<String, String> props = props();
        List<Object> recommended = KinesisSinkConnectorConfig.CONFIG_DEF.validate(props).stream()
                .filter(v -> v.name().equals("kinesis.tombstone.behavior")).findFirst().orElseThrow()
                .recommendedValues();
        assertThat(recommended).containsExactly("skip", "fail");
    }
}
