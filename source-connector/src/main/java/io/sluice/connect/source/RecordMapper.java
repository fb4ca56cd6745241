package io.sluice.connect.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one (user) record of a shard into a Kafka Connect {@link SourceRecord}, as configured:
 *
 * <ul>
 *   <li>topic: {@code kafka.topic} with {@code ${stream}} replaced;</li>
 *   <li>partition: left to the producer ({@code kafka.partitioner=key}), or the shard's number modulo
 *       {@code kafka.topic.partitions} ({@code shard});</li>
 *   <li>key: the partition key (string), none, or a {@link #KEY_SCHEMA} struct of the metadata;</li>
 *   <li>value: bytes, a UTF-8 string, or parsed JSON without a schema (data that is not JSON stays bytes);</li>
 *   <li>headers: {@value #STREAM_HEADER}, {@value #SHARD_ID_HEADER}, {@value #SEQUENCE_NUMBER_HEADER},
 *       {@value #SUB_SEQUENCE_NUMBER_HEADER} (aggregated user records only), {@value #PARTITION_KEY_HEADER} and
 *       {@value #APPROXIMATE_ARRIVAL_TIME_HEADER} (epoch ms, int64) — the names the pump transform reads;</li>
 *   <li>timestamp: the approximate arrival time.</li>
 * </ul>
 *
 * Thread-safe (immutable; Jackson's mapper is thread-safe once configured).
 */
final class RecordMapper {

    private static final Logger log = LoggerFactory.getLogger(RecordMapper.class);

    static final String STREAM_HEADER = "kinesis.stream";
    static final String SHARD_ID_HEADER = "kinesis.shard.id";
    static final String SEQUENCE_NUMBER_HEADER = "kinesis.sequence.number";
    static final String SUB_SEQUENCE_NUMBER_HEADER = "kinesis.sub.sequence.number";
    static final String PARTITION_KEY_HEADER = "kinesis.partition.key";
    static final String APPROXIMATE_ARRIVAL_TIME_HEADER = "kinesis.approximate.arrival.time";

    /** The key with {@code kafka.key.format=metadata}. */
    static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("io.sluice.connect.source.KinesisRecordKey")
            .field("stream", Schema.STRING_SCHEMA)
            .field("shard_id", Schema.STRING_SCHEMA)
            .field("sequence_number", Schema.STRING_SCHEMA)
            .field("sub_sequence_number", Schema.OPTIONAL_INT64_SCHEMA)
            .field("partition_key", Schema.STRING_SCHEMA)
            .field("approximate_arrival_time", Timestamp.builder().optional().build())
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KinesisSourceConnectorConfig config;

    RecordMapper(KinesisSourceConnectorConfig config) {
        this.config = config;
    }

    /** What is mapped: one Kinesis record, or one user record of a KPL aggregate ({@code subSequenceNumber}). */
    record Input(ShardRef shard, String sequenceNumber, OptionalLong subSequenceNumber, String partitionKey,
                 Instant approximateArrival, byte[] data) {
    }

    SourceRecord map(Input in, Map<String, ?> sourceOffset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(STREAM_HEADER, in.shard().stream());
        headers.addString(SHARD_ID_HEADER, in.shard().shardId());
        headers.addString(SEQUENCE_NUMBER_HEADER, in.sequenceNumber());
        in.subSequenceNumber().ifPresent(sub -> headers.addLong(SUB_SEQUENCE_NUMBER_HEADER, sub));
        headers.addString(PARTITION_KEY_HEADER, in.partitionKey());
        Long timestamp = in.approximateArrival() == null ? null : in.approximateArrival().toEpochMilli();
        if (timestamp != null) {
            headers.addLong(APPROXIMATE_ARRIVAL_TIME_HEADER, timestamp);
        }
        Schema keySchema;
        Object key;
        switch (config.keyFormat()) {
            case PARTITION_KEY -> {
                keySchema = Schema.STRING_SCHEMA;
                key = in.partitionKey();
            }
            case NONE -> {
                keySchema = null;
                key = null;
            }
            default -> {
                keySchema = KEY_SCHEMA;
                key = metadataKey(in);
            }
        }
        Schema valueSchema;
        Object value;
        switch (config.valueFormat()) {
            case BYTES -> {
                valueSchema = Schema.OPTIONAL_BYTES_SCHEMA;
                value = in.data();
            }
            case STRING -> {
                valueSchema = Schema.OPTIONAL_STRING_SCHEMA;
                value = new String(in.data(), StandardCharsets.UTF_8);
            }
            default -> {
                valueSchema = null;
                value = parseJson(in);
            }
        }
        return new SourceRecord(SourceOffsets.toPartition(in.shard()), sourceOffset,
                config.topicFor(in.shard().stream()), partitionFor(in.shard()), keySchema, key, valueSchema, value,
                timestamp, headers);
    }

    private Integer partitionFor(ShardRef shard) {
        return switch (config.partitioner()) {
            case KEY -> null;
            case SHARD -> shardPartition(shard.shardId(), config.topicPartitions());
        };
    }

    /**
     * {@code shardId-000000000007} → 7 mod {@code partitions}: Kinesis numbers shards consecutively, so shards spread
     * evenly; ids of another shape fall back to their hash.
     */
    static int shardPartition(String shardId, int partitions) {
        int dash = shardId.lastIndexOf('-');
        String digits = shardId.substring(dash + 1);
        if (!digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(Character::isDigit)) {
            return (int) (Long.parseLong(digits) % partitions);
        }
        return Math.floorMod(shardId.hashCode(), partitions);
    }

    private static Struct metadataKey(Input in) {
        Struct key = new Struct(KEY_SCHEMA)
                .put("stream", in.shard().stream())
                .put("shard_id", in.shard().shardId())
                .put("sequence_number", in.sequenceNumber())
                .put("partition_key", in.partitionKey());
        in.subSequenceNumber().ifPresent(sub -> key.put("sub_sequence_number", sub));
        if (in.approximateArrival() != null) {
            key.put("approximate_arrival_time", Date.from(in.approximateArrival()));
        }
        return key;
    }

    private static Object parseJson(Input in) {
        try {
            return JSON.readValue(in.data(), Object.class);
        } catch (JsonProcessingException e) {
            // Failing the task would stop the whole shard on one bad record; the pump (or a consumer) can route it.
            log.warn("Record {} of shard {} is not JSON ({}); passing its data as bytes", in.sequenceNumber(),
                    in.shard(), e.getOriginalMessage());
            return in.data();
        } catch (IOException e) {
            throw new IllegalStateException("Reading JSON from memory cannot fail with I/O", e);
        }
    }
}
