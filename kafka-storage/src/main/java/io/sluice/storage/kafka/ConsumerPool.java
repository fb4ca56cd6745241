package io.sluice.storage.kafka;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Consumers for reads, lent one per read: a Kafka consumer is not thread-safe, and one per read would cost a
 * connection each. At most {@code size} exist; a read waits for one to come back when all are lent.
 */
final class ConsumerPool implements AutoCloseable {

    private final KafkaClients clients;
    private final int size;
    private final BlockingQueue<KafkaConsumer<byte[], byte[]>> idle;
    private final List<KafkaConsumer<byte[], byte[]>> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final long waitMs;

    ConsumerPool(KafkaClients clients, int size, long waitMs) {
        this.clients = clients;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
        this.waitMs = waitMs;
    }

    KafkaConsumer<byte[], byte[]> borrow() throws IOException {
        KafkaConsumer<byte[], byte[]> consumer = idle.poll();
        if (consumer != null) {
            return consumer;
        }
        if (created.getAndIncrement() < size) {
            consumer = clients.consumer("sluice-reader-" + created.get(), 50);
            synchronized (all) {
                all.add(consumer);
            }
            return consumer;
        }
        created.decrementAndGet();
        try {
            consumer = idle.poll(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a Kafka consumer", e);
        }
        if (consumer == null) {
            throw new IOException("all " + size + " Kafka consumers stayed busy for " + waitMs + " ms");
        }
        return consumer;
    }

    void giveBack(KafkaConsumer<byte[], byte[]> consumer) {
        idle.offer(consumer);
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(KafkaConsumer::close);
            all.clear();
        }
    }
}
