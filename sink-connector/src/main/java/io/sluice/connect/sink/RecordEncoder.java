package io.sluice.connect.sink;

import io.sluice.connect.sink.config.DataFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record value as a stream record's data, per {@link DataFormat}: {@code auto} writes bytes as they are,
 * strings as UTF-8 and everything else as JSON ({@link JsonValues}); {@code json} writes every value as JSON.
 * Null values (tombstones) are decided before, by the caller. Immutable and thread-safe.
 */
final class RecordEncoder {

    private final DataFormat format;

    RecordEncoder(DataFormat format) {
        this.format = format;
    }

    /** The data for {@code record}'s (non-null) value. */
    byte[] encode(SinkRecord record) {
        Object value = record.value();
        if (format == DataFormat.AUTO) {
            if (value instanceof byte[] bytes) {
                return bytes;
            }
            if (value instanceof ByteBuffer buffer) {
                return Bytes.of(buffer);
            }
            if (value instanceof String s) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
        }
        return JsonValues.toJsonBytes(value, record.valueSchema());
    }
}
