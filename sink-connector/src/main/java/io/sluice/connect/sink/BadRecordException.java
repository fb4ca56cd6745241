package io.sluice.connect.sink;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record that cannot become a stream record (no partition key, too big, a tombstone that must not be skipped,
 * exhausted retries). It goes to the dead-letter queue when one is configured; otherwise it fails the task. The
 * message names the record (topic, partition, offset) and the reason, and is what the dead-letter queue's
 * {@code __connect.errors.exception.message} header carries.
 */
public final class BadRecordException extends ConnectException {

    public BadRecordException(SinkRecord record, String reason) {
        super(describe(record) + ": " + reason);
    }

    /** {@code topic-partition@offset}, how messages name a record. */
    static String describe(SinkRecord record) {
        return "Record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
