package io.sluice.connect.sink;

import io.sluice.connect.common.Backoff;
import io.sluice.connect.common.PluginVersion;
import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Writes the records of its Kafka partitions to streams: converts each record ({@link SinkRecordConverter}), queues
 * it in order per partition key and delivers with PutRecords ({@link OrderedDelivery}, several calls in flight on
 * a small pool of its own, each with keys the others do not carry); {@link #preCommit} flushes
 * and commits only offsets the streams acknowledged ({@link AcknowledgedOffsets}), so a crash loses nothing (records
 * after the committed offset are written again: at least once).
 *
 * <p>Errors: a record that cannot be written (no partition key, over Kinesis's size limits, a tombstone with
 * {@code kinesis.tombstone.behavior=fail}, out of retries) goes to the dead-letter queue through the errant record
 * reporter when the connector has one, else it fails the task with a {@link BadRecordException} that names it
 * and the reason. While Kinesis throttles, nothing is sent until the backoff passed; when the records held take
 * {@code kinesis.buffer.max.bytes} meanwhile, {@code put} asks the worker to pause and redeliver
 * ({@code context.timeout} plus {@link RetriableException}), and records it already holds are not queued twice.
 *
 * <p>Connect calls a task from one thread; so is this class used.
 */
public final class KinesisSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(KinesisSinkTask.class);

    private KinesisSinkConnectorConfig config;
    private ManagedKinesisClient client;
    private StreamProvisioner provisioner;
    private SinkRecordConverter converter;
    private OrderedDelivery delivery;
    private ExecutorService callRunner;
    private SinkMetrics metrics;
    private ErrantRecordReporter reporter;
    private final AcknowledgedOffsets offsets = new AcknowledgedOffsets();
    /** A failure met in preCommit, where throwing would make the worker rewind; rethrown by the next put. */
    private ConnectException failure;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new KinesisSinkConnectorConfig(props);
        client = KinesisClientFactory.create(config.connection());
        try {
            KinesisClient kinesis = client.client();
            provisioner = new StreamProvisioner(kinesis, config.autoCreate(), config.autoCreateCapacity());
            if (!config.stream().isTemplate()) {
                provisioner.ensureExists(config.stream().toString(), KinesisSinkConnectorConfig.STREAM_CONFIG);
            }
            converter = SinkRecordConverter.from(config);
            metrics = context == null ? SinkMetrics.none() : SinkMetrics.register(context.pluginMetrics());
            reporter = context == null ? null : context.errantRecordReporter();
            callRunner = Executors.newFixedThreadPool(config.putInFlightCalls(), new PutThreads());
            delivery = new OrderedDelivery(
                    (stream, entries) -> kinesis.putRecords(r -> r.streamName(stream).records(entries)), callRunner,
                    new OrderedDelivery.Limits(config.putInFlightCalls(), config.bufferMaxBytes()),
                    new Listener(), metrics, System::currentTimeMillis, config.batchLinger(),
                    config.putRetriesMax(), config.aggregationEnabled(),
                    new Backoff(config.putRetryBackoff(), config.putRetryBackoffMax(),
                            bound -> ThreadLocalRandom.current().nextLong(bound)));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        log.info("Kinesis sink task started: stream {}, partition keys from {}", config.stream(),
                config.partitionKeySource());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        if (config.stream().isTemplate()) {
            for (String topic : partitions.stream().map(TopicPartition::topic).distinct().toList()) {
                ensureStream(topic);
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (failure != null) {
            throw failure;
        }
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            if (!offsets.isNew(tp, record.kafkaOffset())) {
                continue; // redelivered after a RetriableException: already queued or done
            }
            offsets.accepted(tp, record.kafkaOffset());
            Optional<SinkEntry> entry;
            try {
                entry = converter.convert(record);
            } catch (BadRecordException e) {
                reportOrFail(record, e);
                continue;
            }
            if (entry.isEmpty()) {
                offsets.done(tp, record.kafkaOffset()); // a skipped tombstone
                continue;
            }
            if (config.stream().isTemplate()) {
                ensureStream(record.topic());
            }
            delivery.add(entry.get());
        }
        OrderedDelivery.Next next = delivery.deliver(false); // waits for answers while the buffer is full
        if (next.state() != OrderedDelivery.Next.State.IDLE) {
            // Connect calls put() again within this time even when no new records arrive, so lingering records
            // and retries go out on time.
            context.timeout(Math.max(1, next.delayMs()));
        }
        if (next.state() == OrderedDelivery.Next.State.BACKING_OFF && delivery.isFull()) {
            throw new RetriableException("Kinesis failed or throttled records; " + delivery.waitingRecords()
                    + " records wait, retrying in " + next.delayMs() + " ms");
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (failure == null) {
            try {
                OrderedDelivery.Next next = delivery.deliver(true);
                if (next.state() == OrderedDelivery.Next.State.BACKING_OFF) {
                    context.timeout(Math.max(1, next.delayMs()));
                }
            } catch (ConnectException e) {
                log.error("Delivery failed while flushing for an offset commit; the task fails at the next put", e);
                failure = e;
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable(currentOffsets.keySet());
        // Records redelivered after a RetriableException may be acknowledged before the worker counts them as
        // consumed; the worker ignores (with a warning) an offset beyond what it consumed, so cap it there.
        committable.replaceAll((tp, offset) -> offset.offset() <= currentOffsets.get(tp).offset() ? offset
                : currentOffsets.get(tp));
        return committable;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (delivery != null) {
            delivery.drop(new HashSet<>(partitions));
        }
        offsets.forget(partitions);
    }

    @Override
    public void stop() {
        if (callRunner != null) {
            callRunner.shutdownNow(); // calls still in flight are not acknowledged: their records come again
            callRunner = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void ensureStream(String topic) {
        provisioner.ensureExists(config.stream().streamFor(topic), KinesisSinkConnectorConfig.STREAM_CONFIG + "="
                + config.stream() + " for topic " + topic);
    }

    /** Hands a bad record to the dead-letter queue, or fails the task when there is none. */
    private void reportOrFail(SinkRecord record, BadRecordException error) {
        if (reporter == null) {
            throw error;
        }
        log.warn("Reporting to the dead-letter queue: {}", error.getMessage());
        reporter.report(record, error);
        metrics.deadLettered();
        offsets.done(new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset());
    }

    /** Daemon threads named after their job, so a thread dump shows what they do. */
    private static final class PutThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "kinesis-sink-put-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private final class Listener implements OrderedDelivery.Listener {
        @Override
        public void acknowledged(SinkEntry entry) {
            offsets.done(entry.topicPartition(), entry.offset());
        }

        @Override
        public void givenUp(SinkEntry entry, String reason) {
            reportOrFail(entry.record(), new BadRecordException(entry.record(), reason));
        }
    }
}
