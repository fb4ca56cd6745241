package io.sluice.connect.sink;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The records waiting for one stream: a FIFO queue per partition key, the keys in service order. Only the head of
 * a key's queue may be sent, so a later record of a key is never written before an earlier one, whatever fails;
 * keys are served round-robin (a served key moves to the back) so no key starves when more than a batch of keys
 * wait. Not thread-safe: the task's thread only.
 */
final class KeyQueues {

    private final Map<String, ArrayDeque<SinkEntry>> queues = new LinkedHashMap<>();
    private int records;
    private long bytes;

    void add(SinkEntry entry) {
        queues.computeIfAbsent(entry.partitionKey(), k -> new ArrayDeque<>()).addLast(entry);
        records++;
        bytes += entry.sizeBytes();
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** The queues of all keys in service order (read-only use; the deques are live). */
    Collection<ArrayDeque<SinkEntry>> inServiceOrder() {
        return queues.values();
    }

    /**
     * Removes {@code members}, which must be the first entries of their key's queue in order, and moves the key to
     * the back of the service order.
     */
    void removeHeads(List<SinkEntry> members) {
        String key = members.get(0).partitionKey();
        ArrayDeque<SinkEntry> queue = queues.remove(key);
        for (SinkEntry member : members) {
            SinkEntry head = queue == null ? null : queue.pollFirst();
            if (head != member) {
                throw new IllegalStateException(member + " is not at the head of its key's queue");
            }
            records--;
            bytes -= member.sizeBytes();
        }
        if (!queue.isEmpty()) {
            queues.put(key, queue);
        }
    }

    /** Drops the entries of {@code partitions} (closed: their next owner consumes them again). */
    void drop(Set<TopicPartition> partitions) {
        Iterator<ArrayDeque<SinkEntry>> it = queues.values().iterator();
        while (it.hasNext()) {
            ArrayDeque<SinkEntry> queue = it.next();
            queue.removeIf(entry -> {
                if (partitions.contains(entry.topicPartition())) {
                    records--;
                    bytes -= entry.sizeBytes();
                    return true;
                }
                return false;
            });
            if (queue.isEmpty()) {
                it.remove();
            }
        }
    }
}
