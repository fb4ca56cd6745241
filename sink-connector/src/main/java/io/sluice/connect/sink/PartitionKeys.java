package io.sluice.connect.sink;

import io.sluice.connect.sink.config.PartitionKeySource;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Computes a record's partition key as {@code kinesis.partition.key.source} says. Keys and fields become text the
 * same way: strings as they are; bytes decoded as UTF-8 when they are valid UTF-8, else base64 (so binary keys stay
 * distinct and printable); structs, maps and lists as compact JSON; numbers and booleans as Java prints them. The
 * result must be 1 to 256 characters (Kinesis's rule), else the record is a {@link BadRecordException}.
 * Immutable and thread-safe.
 */
final class PartitionKeys {

    private final PartitionKeySource source;
    private final List<String> fieldPath;
    private final String constant;

    PartitionKeys(PartitionKeySource source, List<String> fieldPath, String constant) {
        this.source = source;
        this.fieldPath = List.copyOf(fieldPath);
        this.constant = constant;
    }

    static PartitionKeys from(KinesisSinkConnectorConfig config) {
        return new PartitionKeys(config.partitionKeySource(), config.partitionKeyField(),
                config.partitionKeyConstant());
    }

    /**
     * The partition key of {@code record}.
     *
     * @throws BadRecordException when there is none, or it is empty or longer than 256 characters
     */
    String partitionKey(SinkRecord record) {
        String key = switch (source) {
            case KEY -> {
                if (record.key() == null) {
                    throw new BadRecordException(record, "it has no key, and "
                            + KinesisSinkConnectorConfig.PARTITION_KEY_SOURCE_CONFIG + "=key takes the partition key "
                            + "from the record key");
                }
                yield asText(record.key(), record.keySchema());
            }
            case FIELD -> asText(field(record), null);
            case PARTITION -> Integer.toString(record.kafkaPartition());
            case CONSTANT -> constant;
            case RANDOM -> UUID.randomUUID().toString();
        };
        int chars = key.codePointCount(0, key.length());
        if (chars == 0) {
            throw new BadRecordException(record, "its partition key (from the " + origin() + ") is empty; Kinesis "
                    + "needs 1 to " + KinesisSinkConnectorConfig.MAX_PARTITION_KEY_CHARS + " characters");
        }
        if (chars > KinesisSinkConnectorConfig.MAX_PARTITION_KEY_CHARS) {
            throw new BadRecordException(record, "its partition key (from the " + origin() + ") has " + chars
                    + " characters, more than Kinesis's limit of "
                    + KinesisSinkConnectorConfig.MAX_PARTITION_KEY_CHARS);
        }
        return key;
    }

    private String origin() {
        return switch (source) {
            case KEY -> "record key";
            case FIELD -> "value field " + String.join(".", fieldPath);
            case PARTITION -> "Kafka partition";
            case CONSTANT -> "constant";
            case RANDOM -> "random UUID";
        };
    }

    private Object field(SinkRecord record) {
        Object current = record.value();
        for (int i = 0; i < fieldPath.size(); i++) {
            String name = fieldPath.get(i);
            String path = String.join(".", fieldPath.subList(0, i + 1));
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(name);
                if (field == null) {
                    throw new BadRecordException(record, "its value has no field " + path + " for the partition key");
                }
                current = struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(name)) {
                    throw new BadRecordException(record, "its value has no field " + path + " for the partition key");
                }
                current = map.get(name);
            } else {
                String parent = i == 0 ? "its value" : "its field " + String.join(".", fieldPath.subList(0, i));
                throw new BadRecordException(record, parent + " is " + kind(current) + ", not a struct or map, so "
                        + "it has no field " + path + " for the partition key");
            }
            if (current == null) {
                throw new BadRecordException(record, "its field " + path + " is null; the partition key comes from it");
            }
        }
        return current;
    }

    private static String kind(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }

    /** A key or field value as partition key text (see the class comment). */
    static String asText(Object value, Schema schema) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] bytes) {
            return bytesAsText(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return bytesAsText(Bytes.of(buffer));
        }
        if (value instanceof Struct || value instanceof Map || value instanceof List) {
            return JsonValues.toJsonText(value, schema);
        }
        return JsonValues.toNode(value, schema).asText();
    }

    private static String bytesAsText(byte[] bytes) {
        return Bytes.strictUtf8(bytes).orElseGet(() -> Base64.getEncoder().encodeToString(bytes));
    }
}
