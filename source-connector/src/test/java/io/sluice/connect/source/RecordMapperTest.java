package io.sluice.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.source.RecordMapper.Input;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

    private static final ShardRef SHARD = new ShardRef("orders", "shardId-000000000007");
    private static final Instant ARRIVAL = Instant.parse("2024-01-31T10:00:00.123Z");
    private static final Map<String, Object> OFFSET = Map.of("sequence.number", "42");

    private static RecordMapper mapper(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("kinesis.stream", "orders");
        props.put("kafka.topic", "kinesis-${stream}");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new RecordMapper(new KinesisSourceConnectorConfig(props));
    }

    private static Input input(String data) {
        return new Input(SHARD, "42", OptionalLong.empty(), "pk-1", ARRIVAL, data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsToPartitionKeyAndBytesWithThePumpsHeaders() {
        SourceRecord record = mapper().map(input("hello"), OFFSET);

        assertThat(record.topic()).isEqualTo("kinesis-orders");
        assertThat(record.kafkaPartition()).isNull();
        assertThat(record.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(record.key()).isEqualTo("pk-1");
        assertThat(record.valueSchema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
        assertThat(record.value()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(record.timestamp()).isEqualTo(ARRIVAL.toEpochMilli());
        assertThat(record.sourcePartition()).isEqualTo(Map.of("stream", "orders", "shard", "shardId-000000000007"));
        assertThat(record.sourceOffset()).isEqualTo(OFFSET);
        Map<String, Object> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        assertThat(headers).isEqualTo(Map.of("kinesis.stream", "orders", "kinesis.shard.id", "shardId-000000000007",
                "kinesis.sequence.number", "42", "kinesis.partition.key", "pk-1",
                "kinesis.approximate.arrival.time", ARRIVAL.toEpochMilli()));
        // The names the pump reads its metadata columns from.
        assertThat(RecordMapper.PARTITION_KEY_HEADER).isEqualTo(io.sluice.pump.compile.Metadata.PARTITION_KEY_HEADER);
        assertThat(RecordMapper.SEQUENCE_NUMBER_HEADER)
                .isEqualTo(io.sluice.pump.compile.Metadata.SEQUENCE_NUMBER_HEADER);
        assertThat(RecordMapper.SHARD_ID_HEADER).isEqualTo(io.sluice.pump.compile.Metadata.SHARD_ID_HEADER);
        assertThat(RecordMapper.APPROXIMATE_ARRIVAL_TIME_HEADER)
                .isEqualTo(io.sluice.pump.compile.Metadata.APPROXIMATE_ARRIVAL_TIME_HEADER);
    }

    @Test
    void mapsStringJsonAndInvalidJsonValues() {
        assertThat(mapper("kafka.value.format", "string").map(input("héllo"), OFFSET).value()).isEqualTo("héllo");
        SourceRecord json = mapper("kafka.value.format", "json").map(input("{\"name\":\"x\",\"age\":3}"), OFFSET);
        assertThat(json.valueSchema()).isNull();
        assertThat(json.value()).isEqualTo(Map.of("name", "x", "age", 3));
        assertThat(mapper("kafka.value.format", "json").map(input("{not json"), OFFSET).value())
                .as("data that is not JSON passes as bytes").isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mapsNoKeyAndTheMetadataKey() {
        SourceRecord none = mapper("kafka.key.format", "none").map(input("x"), OFFSET);
        assertThat(none.key()).isNull();
        assertThat(none.keySchema()).isNull();

        Input aggregated = new Input(SHARD, "42", OptionalLong.of(3), "pk-1", ARRIVAL, new byte[0]);
        SourceRecord metadata = mapper("kafka.key.format", "metadata").map(aggregated, OFFSET);
        Struct key = (Struct) metadata.key();
        key.validate();
        assertThat(key.getString("stream")).isEqualTo("orders");
        assertThat(key.getString("shard_id")).isEqualTo("shardId-000000000007");
        assertThat(key.getString("sequence_number")).isEqualTo("42");
        assertThat(key.getInt64("sub_sequence_number")).isEqualTo(3L);
        assertThat(key.getString("partition_key")).isEqualTo("pk-1");
        assertThat(key.get("approximate_arrival_time")).isEqualTo(Date.from(ARRIVAL));
        assertThat(metadata.headers().lastWithName("kinesis.sub.sequence.number").value()).isEqualTo(3L);
    }

    @Test
    void theShardPartitionerKeepsAShardInOnePartition() {
        SourceRecord record = mapper("kafka.partitioner", "shard", "kafka.topic.partitions", "4")
                .map(input("x"), OFFSET);
        assertThat(record.kafkaPartition()).isEqualTo(3);
        assertThat(RecordMapper.shardPartition("shardId-000000000008", 4)).isZero();
        assertThat(RecordMapper.shardPartition("odd", 4)).isEqualTo(Math.floorMod("odd".hashCode(), 4));
    }
}
