package io.sluice.storage.kafka;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumers for reads, lent one per read: a Kafka consumer is not thread-safe, and one per read would cost a
 * connection each. At most {@code size} exist; a read waits for one to come back when all are lent.
 *
 * <p>A consumer stays assigned to the partition it last read, and a read of that partition gets it back when it is
 * idle: a consumer fetches the next records while it returns the last ones, so a reader draining a shard finds its
 * next page already fetched, where another partition's read would have thrown that fetch away.
 */
final class ConsumerPool implements AutoCloseable {

    /** A consumer and the partition it is assigned to (null: none yet). */
    record Lent(KafkaConsumer<byte[], byte[]> consumer, TopicPartition assigned) {
    }

    private final KafkaClients clients;
    private final int size;
    private final long waitMs;
    private final Deque<Lent> idle = new ArrayDeque<>(); // most recently returned first; guarded by this
    private final List<KafkaConsumer<byte[], byte[]>> all = new ArrayList<>();
    private boolean closed;

    ConsumerPool(KafkaClients clients, int size, long waitMs) {
        this.clients = clients;
        this.size = size;
        this.waitMs = waitMs;
    }

    /** An idle consumer, preferably one assigned to {@code partition}. */
    synchronized Lent borrow(TopicPartition partition) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (true) {
            if (closed) {
                throw new IOException("the storage is closing");
            }
            for (Iterator<Lent> it = idle.iterator(); it.hasNext(); ) {
                Lent lent = it.next();
                if (partition.equals(lent.assigned())) {
                    it.remove();
                    return lent;
                }
            }
            if (all.size() < size) {
                KafkaConsumer<byte[], byte[]> consumer = clients.consumer("sluice-reader-" + (all.size() + 1), 50);
                all.add(consumer);
                return new Lent(consumer, null);
            }
            if (!idle.isEmpty()) {
                return idle.removeLast(); // the one idle longest
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("all " + size + " Kafka consumers stayed busy for " + waitMs + " ms");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a Kafka consumer", e);
            }
        }
    }

    synchronized void giveBack(KafkaConsumer<byte[], byte[]> consumer, TopicPartition assigned) {
        idle.addFirst(new Lent(consumer, assigned));
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        all.forEach(KafkaConsumer::close);
        all.clear();
        idle.clear();
        notifyAll();
    }
}
