package io.sluice.connect.sink;

import io.sluice.connect.common.kpl.KplAggregation;
import io.sluice.connect.sink.config.ExplicitHashKeyMode;
import io.sluice.connect.sink.config.StreamNameTemplate;
import io.sluice.connect.sink.config.TombstoneBehavior;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a {@link SinkRecord} into a {@link SinkEntry} — destination stream, partition key, explicit hash key, data
 * — and checks it against Kinesis's record limits before anything is sent: partition key 1 to 256 characters,
 * data plus partition key at most 1 MiB. Tombstones are skipped (empty result) or rejected per
 * {@code kinesis.tombstone.behavior}. Immutable and thread-safe.
 */
final class SinkRecordConverter {

    private final StreamNameTemplate stream;
    private final PartitionKeys partitionKeys;
    private final ExplicitHashKeys explicitHashKeys;
    private final RecordEncoder encoder;
    private final TombstoneBehavior tombstones;

    SinkRecordConverter(StreamNameTemplate stream, PartitionKeys partitionKeys, ExplicitHashKeys explicitHashKeys,
                        RecordEncoder encoder, TombstoneBehavior tombstones) {
        this.stream = stream;
        this.partitionKeys = partitionKeys;
        this.explicitHashKeys = explicitHashKeys;
        this.encoder = encoder;
        this.tombstones = tombstones;
    }

    static SinkRecordConverter from(KinesisSinkConnectorConfig config) {
        return new SinkRecordConverter(config.stream(), PartitionKeys.from(config),
                config.explicitHashKeyMode() == ExplicitHashKeyMode.PARTITION
                        ? new ExplicitHashKeys(config.explicitHashKeyPartitions()) : null,
                new RecordEncoder(config.dataFormat()), config.tombstoneBehavior());
    }

    /**
     * The entry for {@code record}, or empty for a tombstone to skip.
     *
     * @throws BadRecordException when the record cannot be written, with the reason
     */
    Optional<SinkEntry> convert(SinkRecord record) {
        if (record.value() == null) {
            if (tombstones == TombstoneBehavior.SKIP) {
                return Optional.empty();
            }
            throw new BadRecordException(record, "it is a tombstone (null value), and "
                    + KinesisSinkConnectorConfig.TOMBSTONE_BEHAVIOR_CONFIG + "=fail");
        }
        String partitionKey = partitionKeys.partitionKey(record);
        byte[] data;
        try {
            data = encoder.encode(record);
        } catch (RuntimeException e) {
            throw new BadRecordException(record, "its value cannot be written: " + e.getMessage());
        }
        SinkEntry entry = new SinkEntry(record, stream.streamFor(record.topic()), partitionKey,
                explicitHashKeys == null ? null : explicitHashKeys.forPartition(record.kafkaPartition()), data);
        if (entry.sizeBytes() > KplAggregation.MAX_RECORD_BYTES) {
            throw new BadRecordException(record, "its data and partition key take " + entry.sizeBytes()
                    + " bytes, more than Kinesis's limit of " + KplAggregation.MAX_RECORD_BYTES + " bytes (1 MiB) "
                    + "per record");
        }
        return Optional.of(entry);
    }
}
