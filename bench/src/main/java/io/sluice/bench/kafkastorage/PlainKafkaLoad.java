package io.sluice.bench.kafkastorage;

import io.sluice.bench.server.LoadGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: the same records ({@link LoadGenerator}'s 1 KiB values, unique keys, from its threads) written by a
 * plain Kafka producer with the durability Sluice's storage uses ({@code acks=all}, idempotent) into a topic of as
 * many partitions as the stream has shards, and read back by one plain consumer.
 */
final class PlainKafkaLoad {

    private final String bootstrapServers;

    PlainKafkaLoad(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, LoadGenerator.SHARDS, (short) 1)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get(30, TimeUnit.SECONDS);
            // Every leader answering before the first write, as Sluice's storage waits (Topics.awaitLeaders).
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (int p = 0; p < LoadGenerator.SHARDS; p++) {
                partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            for (int attempt = 0; ; attempt++) {
                try {
                    admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof InvalidMetadataException) || attempt > 500) {
                        throw e; // else: the new topic's metadata has not reached the broker yet
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    /** Sends every record asynchronously from the load's threads, then waits for all acknowledgements; seconds. */
    double produce(String topic, int batchesPerThread) throws Exception {
        byte[] payload = new byte[LoadGenerator.RECORD_BYTES];
        new Random(1).nextBytes(payload);
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            ExecutorService pool = Executors.newFixedThreadPool(LoadGenerator.THREADS);
            long start = System.nanoTime();
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < LoadGenerator.THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> {
                        for (int b = 0; b < batchesPerThread; b++) {
                            for (int i = 0; i < LoadGenerator.BATCH; i++) {
                                byte[] key = ("key-" + thread + "-" + b + "-" + i).getBytes();
                                producer.send(new ProducerRecord<>(topic, key, payload));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
                producer.flush();
            } finally {
                pool.shutdownNow();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Reads the topic from its start with one consumer until {@code expected} records came; seconds. */
    double consume(String topic, long expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < LoadGenerator.SHARDS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long read = 0;
            while (read < expected) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
