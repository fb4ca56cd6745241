package io.sluice.connect.sink;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One Kafka record on its way to a stream: where it goes, its keys, its data, and how often PutRecords failed it.
 * The key, data and destination are fixed; {@link #failed} counts attempts. Confined to the task's thread.
 */
final class SinkEntry {

    private final SinkRecord record;
    private final TopicPartition topicPartition;
    private final String stream;
    private final String partitionKey;
    private final String explicitHashKey;
    private final byte[] data;
    private final int sizeBytes;
    private int failures;
    private String lastError;

    SinkEntry(SinkRecord record, String stream, String partitionKey, String explicitHashKey, byte[] data) {
        this.record = Objects.requireNonNull(record, "record");
        this.topicPartition = new TopicPartition(record.topic(), record.kafkaPartition());
        this.stream = Objects.requireNonNull(stream, "stream");
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
        this.explicitHashKey = explicitHashKey;
        this.data = Objects.requireNonNull(data, "data");
        this.sizeBytes = data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    SinkRecord record() {
        return record;
    }

    TopicPartition topicPartition() {
        return topicPartition;
    }

    long offset() {
        return record.kafkaOffset();
    }

    String stream() {
        return stream;
    }

    String partitionKey() {
        return partitionKey;
    }

    /** The explicit hash key in decimal, or null. */
    String explicitHashKey() {
        return explicitHashKey;
    }

    /** The data (not copied: entries are never handed outside the task). */
    byte[] data() {
        return data;
    }

    /** Data plus partition key in bytes, what Kinesis counts against its 1 MiB and 5 MiB limits. */
    int sizeBytes() {
        return sizeBytes;
    }

    /** How often PutRecords failed this record. */
    int failures() {
        return failures;
    }

    /** The last failure as {@code ErrorCode: ErrorMessage}, or null. */
    String lastError() {
        return lastError;
    }

    void failed(String error) {
        failures++;
        lastError = error;
    }

    @Override
    public String toString() {
        return BadRecordException.describe(record) + " -> " + stream + " [" + partitionKey + "]";
    }
}
