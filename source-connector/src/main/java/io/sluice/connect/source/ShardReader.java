package io.sluice.connect.source;

import io.sluice.connect.common.kpl.KplAggregation;
import io.sluice.connect.common.kpl.KplAggregation.Decoded;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import io.sluice.connect.source.SourceOffsets.Checkpoint;
import io.sluice.connect.source.config.TrimmedPositionAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Reads one shard, one GetRecords call per {@link #read}, and keeps its position: the shard iterator, the last
 * record handed out (its checkpoint) and when the shard may be read next.
 *
 * <p>Expected conditions are handled here and never fail the task: a throttled call
 * ({@code ProvisionedThroughputExceededException}, {@code LimitExceededException}), a server error or an
 * unreachable server (the SDK already retried) back the shard off exponentially with jitter and keep the
 * position; an expired iterator, or one a restarted server no longer knows, is renewed from the checkpoint; a
 * checkpoint the shard no longer has (older than its trim horizon) continues from the trim horizon or fails, as
 * {@code kinesis.position.trimmed.action} says. A closed shard read to its end ({@code NextShardIterator} null) is
 * {@link #ended()} and not read again. Anything else fails the task with the shard named.
 *
 * <p>Not thread-safe: owned by the task's polling thread.
 */
final class ShardReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardReader.class);
    private static final long MAX_BACKOFF_NANOS = 30_000_000_000L;
    private static final byte[] KPL_MAGIC = KplAggregation.magic();

    private final ShardRef shard;
    private final KinesisSourceTaskConfig config;
    private final KinesisClient kinesis;
    private final RecordMapper mapper;
    private final SourceMetrics.Shard metrics;
    private final boolean fromTrimHorizon;
    private Optional<Checkpoint> checkpoint;
    private String iterator;
    /** When resuming inside an aggregate: its sequence number and the last user record already done. */
    private Optional<Checkpoint> skipInAggregate = Optional.empty();
    private boolean ended;
    private long dueNanos;
    private int failures;

    ShardReader(ShardRef shard, KinesisSourceTaskConfig config, KinesisClient kinesis, RecordMapper mapper,
                SourceMetrics.Shard metrics, Optional<Checkpoint> committed, long nowNanos) {
        this.shard = shard;
        this.config = config;
        this.kinesis = kinesis;
        this.mapper = mapper;
        this.metrics = metrics;
        this.fromTrimHorizon = config.startsFromTrimHorizon(shard);
        this.checkpoint = committed;
        this.dueNanos = nowNanos;
    }

    ShardRef shard() {
        return shard;
    }

    boolean ended() {
        return ended;
    }

    long dueNanos() {
        return dueNanos;
    }

    boolean isDue(long nowNanos) {
        return !ended && nowNanos - dueNanos >= 0;
    }

    /** One GetRecords call (plus GetShardIterator when needed); the records it yields, possibly none. */
    List<SourceRecord> read(long nowNanos) {
        boolean fresh = iterator == null;
        try {
            if (fresh) {
                iterator = newIterator();
            }
            String from = iterator;
            GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(from).limit(config.recordLimit()));
            failures = 0;
            List<SourceRecord> records = new ArrayList<>(response.records().size());
            long bytes = 0;
            for (Record record : response.records()) {
                bytes += record.data().asByteArrayUnsafe().length;
                addRecords(record, records);
            }
            metrics.read(records.size(), bytes, response.millisBehindLatest());
            iterator = response.nextShardIterator();
            if (iterator == null) {
                ended = true;
                log.info("Shard {} is closed and read to its end (last sequence number {})", shard,
                        checkpoint.map(Checkpoint::sequenceNumber).orElse("none"));
            }
            long rest = response.records().isEmpty()
                    ? Math.max(config.pollInterval().toNanos(), config.emptyRecordsBackoff().toNanos())
                    : config.pollInterval().toNanos();
            dueNanos = nowNanos + rest;
            return records;
        } catch (ExpiredIteratorException e) {
            log.info("The iterator of shard {} expired; renewing it after {}", shard, describeCheckpoint());
            iterator = null;
            dueNanos = nowNanos;
        } catch (InvalidArgumentException e) {
            if (fresh) {
                throw new ConnectException("Reading shard " + shard + " from " + describeCheckpoint() + " failed: "
                        + e.getMessage(), e);
            }
            // A restarted server may not know iterators it issued before; one from the checkpoint works.
            log.warn("Kinesis refused the iterator of shard {} ({}); renewing it after {}", shard,
                    e.awsErrorDetails().errorMessage(), describeCheckpoint());
            iterator = null;
            dueNanos = nowNanos;
        } catch (ProvisionedThroughputExceededException | LimitExceededException e) {
            metrics.throttled();
            long backoff = backoff(nowNanos);
            log.debug("Shard {} throttled ({}); backing off {} ms", shard, e.awsErrorDetails().errorCode(),
                    backoff / 1_000_000);
        } catch (ResourceNotFoundException e) {
            log.warn("Shard {} no longer exists ({}); not reading it any more", shard, e.awsErrorDetails().errorMessage());
            ended = true;
        } catch (KinesisException e) {
            if (e.statusCode() < 500 && !e.isThrottlingException()) {
                throw new ConnectException("Reading shard " + shard + " after " + describeCheckpoint() + " failed: "
                        + e.getMessage(), e);
            }
            long backoff = backoff(nowNanos);
            log.warn("Reading shard {} failed with {} after the SDK's retries; keeping the position and retrying in "
                    + "{} ms", shard, e.getMessage(), backoff / 1_000_000);
        } catch (SdkClientException e) {
            // Server restarting or unreachable: the position is kept, so nothing is lost or repeated.
            long backoff = backoff(nowNanos);
            iterator = null; // a restarted server may not know the old iterator
            log.warn("Cannot reach Kinesis for shard {} ({}); retrying in {} ms", shard, e.getMessage(),
                    backoff / 1_000_000);
        }
        return List.of();
    }

    private String newIterator() {
        try {
            String fresh = kinesis.getShardIterator(ShardIterators.request(shard, checkpoint,
                    config.startPosition(), config.shardTimestamp(), fromTrimHorizon)).shardIterator();
            // AT_SEQUENCE_NUMBER of an aggregate: its user records up to the checkpoint's are done already.
            skipInAggregate = checkpoint.filter(Checkpoint::midAggregate);
            return fresh;
        } catch (InvalidArgumentException e) {
            if (checkpoint.isEmpty()) {
                throw e;
            }
            if (config.trimmedPositionAction() == TrimmedPositionAction.FAIL) {
                throw new ConnectException("Shard " + shard + " cannot resume after " + describeCheckpoint() + ": "
                        + withoutFinalPeriod(e.awsErrorDetails().errorMessage()) + ". The position is probably older than the shard's "
                        + "trim horizon; set kinesis.position.trimmed.action=continue to read on from the trim "
                        + "horizon, or alter the connector's offsets", e);
            }
            log.warn("Shard {} cannot resume after {} ({}); the position is older than the trim horizon, so records "
                    + "after it have expired unread. Continuing from the trim horizon", shard, describeCheckpoint(),
                    e.awsErrorDetails().errorMessage());
            metrics.trimmedPositionReset();
            checkpoint = Optional.empty();
            skipInAggregate = Optional.empty();
            return kinesis.getShardIterator(ShardIterators.trimHorizon(shard)).shardIterator();
        }
    }

    private void addRecords(Record record, List<SourceRecord> out) {
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
        if (config.deaggregation()) {
            Decoded decoded = KplAggregation.decode(data, record.partitionKey(), null);
            if (decoded.aggregated()) {
                userRecords = decoded.records();
            } else if (data.length >= KPL_MAGIC.length
                    && Arrays.equals(data, 0, KPL_MAGIC.length, KPL_MAGIC, 0, KPL_MAGIC.length)) {
                log.warn("Record {} of shard {} starts like a KPL aggregate but fails its checksum or does not "
                        + "parse; passing it through whole", sequenceNumber, shard);
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

    /** Exponential from kinesis.throughput.exceeded.backoff.ms, capped at 30 s, jittered by ±50%. */
    private long backoff(long nowNanos) {
        long base = config.throughputExceededBackoff().toNanos() << Math.min(failures, 10);
        failures++;
        long capped = Math.min(base, MAX_BACKOFF_NANOS);
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped + 1);
        dueNanos = nowNanos + jittered;
        return jittered;
    }

    private String describeCheckpoint() {
        return checkpoint.map(Checkpoint::toString).orElse("its start position");
    }

    private static String withoutFinalPeriod(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    @Override
    public void close() {
        metrics.close();
    }
}
