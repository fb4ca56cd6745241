package io.sluice.connect.source;

import io.sluice.connect.common.Backoff;
import io.sluice.connect.source.SourceOffsets.Checkpoint;
import io.sluice.connect.source.config.TrimmedPositionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
final class ShardReader implements ShardSource {

    private static final Logger log = LoggerFactory.getLogger(ShardReader.class);

    private final ShardRef shard;
    private final KinesisSourceTaskConfig config;
    private final KinesisClient kinesis;
    private final SourceMetrics.Shard metrics;
    private final boolean fromTrimHorizon;
    private final ShardPosition position;
    private String iterator;
    private boolean ended;
    private long dueNanos;
    private final Backoff backoff;

    ShardReader(ShardRef shard, KinesisSourceTaskConfig config, KinesisClient kinesis, RecordMapper mapper,
                SourceMetrics.Shard metrics, Optional<Checkpoint> committed, long nowNanos) {
        this.shard = shard;
        this.config = config;
        this.kinesis = kinesis;
        this.metrics = metrics;
        this.fromTrimHorizon = config.startsFromTrimHorizon(shard);
        this.position = new ShardPosition(shard, config.deaggregation(), mapper, committed);
        this.backoff = new Backoff(config.throughputExceededBackoff(), config.throughputExceededBackoffMax());
        this.dueNanos = nowNanos;
    }

    @Override
    public ShardRef shard() {
        return shard;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public long dueNanos() {
        return dueNanos;
    }

    @Override
    public boolean isDue(long nowNanos) {
        return !ended && nowNanos - dueNanos >= 0;
    }

    /** One GetRecords call (plus GetShardIterator when needed); the records it yields, possibly none. */
    @Override
    public List<SourceRecord> read(long nowNanos) {
        boolean fresh = iterator == null;
        try {
            if (fresh) {
                iterator = newIterator();
            }
            String from = iterator;
            GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(from).limit(config.recordLimit()));
            backoff.reset();
            List<SourceRecord> records = new ArrayList<>(response.records().size());
            long bytes = 0;
            for (Record record : response.records()) {
                bytes += record.data().asByteArrayUnsafe().length;
                position.add(record, records);
            }
            metrics.read(records.size(), bytes, response.millisBehindLatest());
            iterator = response.nextShardIterator();
            if (iterator == null) {
                ended = true;
                log.info("Shard {} is closed and read to its end (last sequence number {})", shard,
                        position.checkpoint().map(Checkpoint::sequenceNumber).orElse("none"));
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
            String fresh = kinesis.getShardIterator(ShardIterators.request(shard, position.checkpoint(),
                    config.startPosition(), config.shardTimestamp(), fromTrimHorizon)).shardIterator();
            // AT_SEQUENCE_NUMBER of an aggregate: its user records up to the checkpoint's are done already.
            position.restartFromCheckpoint();
            return fresh;
        } catch (InvalidArgumentException e) {
            if (position.checkpoint().isEmpty()) {
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
            position.resetToTrimHorizon();
            return kinesis.getShardIterator(ShardIterators.trimHorizon(shard)).shardIterator();
        }
    }

    /** Rests the shard for the next backoff; returns it in nanoseconds. */
    private long backoff(long nowNanos) {
        long wait = TimeUnit.MILLISECONDS.toNanos(backoff.nextMillis());
        dueNanos = nowNanos + wait;
        return wait;
    }

    private String describeCheckpoint() {
        return position.describe();
    }

    private static String withoutFinalPeriod(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    @Override
    public void close() {
        metrics.close();
    }
}
