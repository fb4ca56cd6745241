package io.sluice.connect.sink;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** Sink records and entries for unit tests. */
final class TestRecords {

    private TestRecords() {
    }

    static SinkRecord record(String topic, int partition, long offset, Object key, Object value) {
        return new SinkRecord(topic, partition, null, key, null, value, offset);
    }

    static SinkRecord record(String topic, int partition, long offset, Schema keySchema, Object key,
                             Schema valueSchema, Object value) {
        return new SinkRecord(topic, partition, keySchema, key, valueSchema, value, offset);
    }

    /** An entry for stream {@code s} with partition key {@code key} and UTF-8 data {@code data}. */
    static SinkEntry entry(String stream, int partition, long offset, String key, String data) {
        return new SinkEntry(record("t", partition, offset, key, data), stream, key, null,
                data.getBytes(StandardCharsets.UTF_8));
    }
}
