package io.sluice.storage.kafka;

import io.sluice.core.error.ServiceUnavailableException;
import io.sluice.core.log.LogEntry;
import io.sluice.core.log.LogReadResult;
import io.sluice.core.log.LogRecord;
import io.sluice.core.storage.Appended;
import io.sluice.core.storage.PendingAppend;
import io.sluice.core.storage.ShardData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One shard as one partition of its stream's topic: offset = Kafka offset, arrival time = the broker's log-append
 * time, key = partition key, value = data. Several servers append to it.
 *
 * <p>An append returns once every record is acknowledged by all in-sync replicas and the catalog is applied here
 * up to its end at that moment ({@link KafkaCatalog#awaitApplied()}): if another server closed the shard meanwhile,
 * the engine then sees it closed and routes the records again to the children. That is what makes the end offset
 * recorded after a close ({@link #endOffsetAtClose()} is empty) lie past every acknowledged record; records that
 * landed behind it are duplicates of ones the children hold, and no Kinesis reader sees them.
 */
final class KafkaShardData implements ShardData {

    /** The header holding a record's explicit hash key (decimal), where it was put with one. */
    static final String EXPLICIT_HASH_KEY_HEADER = "kinesis.explicit-hash-key";
    private static final long MAX_READ_WAIT_MS = 2_000;
    /** How old a known start or end offset may be where an approximate one does. */
    private static final long RECENT_NANOS = 100_000_000L;

    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ConsumerPool consumers;
    private final Topics topics;
    private final KafkaCatalog catalog;
    private final EndOffsetWatcher watcher;
    private final Duration timeout;
    private final KnownOffset knownEnd = new KnownOffset();
    private final KnownOffset knownStart = new KnownOffset();
    private volatile Runnable wake;

    /** An offset learned by the last request, appends and reads, with when; raised, never lowered, by what is seen. */
    private static final class KnownOffset {
        private long offset = -1;
        private long atNanos;

        synchronized void raise(long seen) {
            if (seen > offset) {
                offset = seen;
            }
            atNanos = System.nanoTime();
        }

        synchronized long ifRecent() {
            return System.nanoTime() - atNanos < RECENT_NANOS ? offset : -1;
        }

        synchronized long any() {
            return offset;
        }
    }

    KafkaShardData(TopicPartition partition, KafkaProducer<byte[], byte[]> producer, ConsumerPool consumers,
                   Topics topics, KafkaCatalog catalog, EndOffsetWatcher watcher, Duration timeout) {
        this.partition = partition;
        this.producer = producer;
        this.consumers = consumers;
        this.topics = topics;
        this.catalog = catalog;
        this.watcher = watcher;
        this.timeout = timeout;
    }

    @Override
    public Appended append(List<LogEntry> entries) throws IOException {
        return send(entries).await();
    }

    /** Hands the records to the producer (in order per partition); {@link PendingAppend#await} waits for them. */
    @Override
    public PendingAppend send(List<LogEntry> entries) throws IOException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
        try {
            for (LogEntry e : entries) {
                sent.add(producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null,
                        e.partitionKey().getBytes(StandardCharsets.UTF_8), e.data(), headers(e))));
            }
        } catch (RuntimeException e) {
            throw new IOException("Kafka did not take the records for " + partition + ": " + e.getMessage(), e);
        }
        return () -> landed(sent);
    }

    /** The explicit hash key, when the record was put with one, for the topic's own consumers. */
    private static List<Header> headers(LogEntry entry) {
        return entry.explicitHashKey() == null ? List.of() : List.of(new RecordHeader(EXPLICIT_HASH_KEY_HEADER,
                entry.explicitHashKey().getBytes(StandardCharsets.US_ASCII)));
    }

    private Appended landed(List<Future<RecordMetadata>> sent) throws IOException {
        long[] offsets = new long[sent.size()];
        long timestamp = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        long acked;
        try {
            for (int i = 0; i < offsets.length; i++) {
                RecordMetadata m = sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                offsets[i] = m.offset();
                if (i == 0) {
                    timestamp = m.timestamp();
                }
            }
            acked = System.nanoTime();
        } catch (ExecutionException e) {
            throw new IOException("Kafka did not take the records for " + partition + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Kafka did not acknowledge the records for " + partition + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while appending to " + partition, e);
        }
        knownEnd.raise(offsets[offsets.length - 1] + 1);
        catalog.awaitAppliedSince(acked);
        return Appended.at(offsets, timestamp);
    }

    @Override
    public LogReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException {
        // Behind the end known from appends and reads here: records are there, skip asking Kafka where the end is.
        if (fromOffset >= knownEnd.any() && fromOffset >= endOffset()) {
            return new LogReadResult(List.of(), fromOffset, 0);
        }
        ConsumerPool.Lent lent = consumers.borrow(partition);
        KafkaConsumer<byte[], byte[]> consumer = lent.consumer();
        try {
            if (!partition.equals(lent.assigned())) {
                consumer.assign(List.of(partition));
            }
            if (!partition.equals(lent.assigned()) || consumer.position(partition) != fromOffset) {
                consumer.seek(partition, fromOffset); // a page fetched ahead for another position is dropped
            }
            List<LogRecord> records = new ArrayList<>();
            long bytes = 0;
            long next = fromOffset;
            long deadline = System.currentTimeMillis() + MAX_READ_WAIT_MS;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100)).records(partition)) {
                    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                    byte[] data = r.value() == null ? new byte[0] : r.value();
                    long size = data.length + (r.key() == null ? 0 : r.key().length);
                    if (records.size() >= maxRecords || (!records.isEmpty() && bytes + size > maxBytes)) {
                        break;
                    }
                    records.add(new LogRecord(r.offset(), r.timestamp(), key, data));
                    bytes += size;
                    next = r.offset() + 1;
                }
                if (records.isEmpty()) {
                    next = Math.max(next, consumer.position(partition)); // past offsets without records
                }
            }
            consumer.currentLag(partition).ifPresent(lag -> knownEnd.raise(consumer.position(partition) + lag));
            return new LogReadResult(records, next, bytes);
        } catch (RuntimeException e) {
            throw new IOException("reading " + partition + " from offset " + fromOffset + " failed: " + e.getMessage(), e);
        } finally {
            consumers.giveBack(consumer, partition);
        }
    }

    /** A start at most a moment old: retention moves it rarely, and reads clamp to the retention period anyway. */
    @Override
    public long startOffset() {
        long recent = knownStart.ifRecent();
        if (recent >= 0) {
            return recent;
        }
        long start = offset(OffsetSpec.earliest());
        knownStart.raise(start);
        return start;
    }

    @Override
    public long endOffset() {
        long end = offset(OffsetSpec.latest());
        knownEnd.raise(end);
        return end;
    }

    @Override
    public long recentEndOffset() {
        long recent = knownEnd.ifRecent();
        return recent >= 0 ? recent : endOffset();
    }

    private long offset(OffsetSpec spec) {
        try {
            return topics.offset(partition, spec);
        } catch (IOException e) {
            throw new ServiceUnavailableException("The Kafka cluster did not answer for " + partition + ": "
                    + e.getMessage());
        }
    }

    @Override
    public long offsetForTimestamp(long timestampMs) throws IOException {
        long offset = topics.offset(partition, OffsetSpec.forTimestamp(timestampMs));
        return offset < 0 ? endOffset() : offset;
    }

    /** Kafka stamps arrival itself (log-append time); the engine need not keep its stamps increasing. */
    @Override
    public OptionalLong newestTimestampMs() {
        return OptionalLong.empty();
    }

    /** Kafka's {@code retention.ms} removes old records; the engine never returns records past retention anyway. */
    @Override
    public int deleteOlderThan(long cutoffMs) {
        return 0;
    }

    @Override
    public long sizeInBytes() {
        return -1;
    }

    @Override
    public Optional<String> outOfServiceReason() {
        return Optional.empty();
    }

    @Override
    public OptionalLong endOffsetAtClose() {
        return OptionalLong.empty();
    }

    @Override
    public void onForeignAppend(Runnable wake) {
        this.wake = wake;
        watcher.watch(partition, wake);
    }

    @Override
    public void close() {
        watcher.unwatch(partition, wake);
    }

    /** A partition cannot be removed alone; the topic goes with its stream. */
    @Override
    public void deleteAll() {
        close();
    }

    @Override
    public String toString() {
        return partition.toString();
    }
}
