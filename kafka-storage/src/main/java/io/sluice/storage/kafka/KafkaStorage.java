package io.sluice.storage.kafka;

import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.storage.ShardData;
import io.sluice.core.storage.Storage;
import io.sluice.core.storage.StreamCatalog;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * The engine's storage over a Kafka cluster, shared by every Sluice server pointed at it: a topic per stream (its
 * id, {@link KafkaCatalog#newStreamId}), a partition per shard (shard index = partition number; a split or merge
 * adds partitions, closed shards keep theirs until retention empties them), and the catalog topic.
 */
public final class KafkaStorage implements Storage {

    private static final int READ_CONSUMERS = 8;
    private static final long END_CHECK_PERIOD_MS = 100;

    private final KafkaStorageConfig config;
    private final Admin admin;
    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ConsumerPool consumers;
    private final EndOffsetWatcher watcher;
    private final KafkaCatalog catalog;
    private final Map<String, Integer> partitionsKnown = new ConcurrentHashMap<>();

    private KafkaStorage(KafkaStorageConfig config, Admin admin, KafkaProducer<byte[], byte[]> producer,
                         KafkaClients clients) throws IOException {
        this.config = config;
        this.admin = admin;
        this.topics = new Topics(admin, config.replicationFactor(), config.timeout());
        this.producer = producer;
        this.consumers = new ConsumerPool(clients, READ_CONSUMERS, config.timeout().toMillis());
        this.watcher = new EndOffsetWatcher(topics, END_CHECK_PERIOD_MS);
        this.catalog = new KafkaCatalog(config, clients, topics, producer);
    }

    /** Connects, creates the catalog topic if needed and applies the catalog up to its end. */
    public static KafkaStorage open(KafkaStorageConfig config) throws IOException {
        KafkaClients clients = new KafkaClients(config);
        Admin admin = clients.admin();
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            producer = clients.producer();
            return new KafkaStorage(config, admin, producer, clients);
        } catch (IOException | RuntimeException e) {
            if (producer != null) {
                producer.close();
            }
            admin.close();
            throw e;
        }
    }

    @Override
    public StreamCatalog catalog() {
        return catalog;
    }

    @Override
    public ShardData openShard(StreamMetadata stream, int shardIndex) throws IOException {
        ensurePartitions(stream, shardIndex + 1);
        return new KafkaShardData(new TopicPartition(stream.id(), shardIndex), producer, consumers, topics, catalog,
                watcher, config.timeout());
    }

    private void ensurePartitions(StreamMetadata stream, int needed) throws IOException {
        String topic = stream.id();
        if (partitionsKnown.getOrDefault(topic, 0) >= needed) {
            return;
        }
        synchronized (this) {
            int wanted = Math.max(needed, stream.nextShardIndex());
            topics.ensureStreamTopic(topic, wanted, stream.retentionHours() * 3_600_000L);
            partitionsKnown.merge(topic, wanted, Math::max);
        }
    }

    /** Deletes the stream's topic (the stream's metadata is gone; its records go with the topic). */
    @Override
    public void deleteStreamData(StreamMetadata stream) throws IOException {
        partitionsKnown.remove(stream.id());
        topics.delete(stream.id());
    }

    /** Follows a retention change into the topic's {@code retention.ms} (every server does; it is idempotent). */
    @Override
    public void streamChanged(StreamMetadata previous, StreamMetadata next) throws IOException {
        if (previous != null && previous.retentionHours() != next.retentionHours()) {
            topics.setRetention(next.id(), next.retentionHours() * 3_600_000L);
        }
    }

    @Override
    public void close() {
        watcher.close();
        catalog.close();
        consumers.close();
        producer.close();
        admin.close();
    }
}
