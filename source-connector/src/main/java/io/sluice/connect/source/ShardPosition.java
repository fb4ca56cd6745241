package io.sluice.connect.source;

import io.sluice.connect.common.kpl.KplAggregation;
import io.sluice.connect.common.kpl.KplAggregation.Decoded;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import io.sluice.connect.source.SourceOffsets.Checkpoint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A shard's read position and the turning of its Kinesis records into Kafka records, for both fan-out modes: the
 * checkpoint (the last record handed out, the offset a restart resumes after), KPL de-aggregation, and — when
 * resuming inside an aggregate — skipping its user records already done.
 *
 * <p>Not thread-safe: owned by the task's polling thread.
 */
final class ShardPosition {

    private static final Logger log = LoggerFactory.getLogger(ShardPosition.class);

    private final ShardRef shard;
    private final boolean deaggregation;
    private final RecordMapper mapper;
    private Optional<Checkpoint> checkpoint;
    /** When resuming inside an aggregate: its sequence number and the last user record already done. */
    private Optional<Checkpoint> skipInAggregate = Optional.empty();

    ShardPosition(ShardRef shard, boolean deaggregation, RecordMapper mapper, Optional<Checkpoint> committed) {
        this.shard = shard;
        this.deaggregation = deaggregation;
        this.mapper = mapper;
        this.checkpoint = committed;
    }

    Optional<Checkpoint> checkpoint() {
        return checkpoint;
    }

    /** Reading starts again from the checkpoint: an aggregate it is inside has its done user records skipped. */
    void restartFromCheckpoint() {
        skipInAggregate = checkpoint.filter(Checkpoint::midAggregate);
    }

    /** The checkpoint is older than the shard's trim horizon: reading goes on from the trim horizon. */
    void resetToTrimHorizon() {
        checkpoint = Optional.empty();
        skipInAggregate = Optional.empty();
    }

    /** Adds the Kafka records of one Kinesis record to {@code out} and moves the checkpoint past it. */
    void add(Record record, List<SourceRecord> out) {
        String sequenceNumber = record.sequenceNumber();
        byte[] data = record.data().asByteArray();
        OptionalLong skipThrough = OptionalLong.empty();
        if (skipInAggregate.isPresent()) {
            if (skipInAggregate.get().sequenceNumber().equals(sequenceNumber)) {
                skipThrough = skipInAggregate.get().subSequenceNumber();
            }
            skipInAggregate = Optional.empty();
        }
        List<UserRecord> userRecords = null;
        if (deaggregation) {
            Decoded decoded = KplAggregation.decode(data, record.partitionKey(), null);
            switch (decoded.kind()) {
                case AGGREGATED -> userRecords = decoded.records();
                case CORRUPT -> log.warn("Record {} of shard {} starts like a KPL aggregate but fails its checksum or "
                        + "does not parse; passing it through whole", sequenceNumber, shard);
                case PLAIN -> { }
            }
        }
        if (userRecords == null) {
            checkpoint = Optional.of(Checkpoint.after(sequenceNumber));
            out.add(mapper.map(new RecordMapper.Input(shard, sequenceNumber, OptionalLong.empty(),
                    record.partitionKey(), record.approximateArrivalTimestamp(), data),
                    SourceOffsets.toOffset(checkpoint.get())));
            return;
        }
        int last = userRecords.size() - 1;
        for (int i = 0; i <= last; i++) {
            if (skipThrough.isPresent() && i <= skipThrough.getAsLong()) {
                continue;
            }
            UserRecord user = userRecords.get(i);
            // The last user record completes the Kinesis record: a restart then resumes after it.
            Checkpoint position = i == last ? Checkpoint.after(sequenceNumber)
                    : Checkpoint.inAggregate(sequenceNumber, i);
            out.add(mapper.map(new RecordMapper.Input(shard, sequenceNumber, OptionalLong.of(i),
                    user.partitionKey(), record.approximateArrivalTimestamp(), user.data()),
                    SourceOffsets.toOffset(position)));
        }
        checkpoint = Optional.of(Checkpoint.after(sequenceNumber));
    }

    String describe() {
        return checkpoint.map(Checkpoint::toString).orElse("its start position");
    }
}
