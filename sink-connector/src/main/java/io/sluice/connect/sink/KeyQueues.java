package io.sluice.connect.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The records waiting for one stream: a FIFO queue per partition key, the keys in service order. Only the head of
 * a key's queue may be sent, and only while no call carrying that key is in flight, so a later record of a key is
 * never written before an earlier one, whatever fails; keys are served round-robin (a served key moves to the back)
 * so no key starves when more than a batch of keys wait. A record stays queued until the stream acknowledged it.
 * Not thread-safe: the task's thread only.
 */
final class KeyQueues {

    private final Map<String, ArrayDeque<SinkEntry>> queues = new LinkedHashMap<>();
    /** Keys a call in flight carries: their heads are on their way and must not be sent again meanwhile. */
    private final Set<String> sending = new HashSet<>();
    private int records;
    private long bytes;
    private int sendingRecords;
    private long sendingBytes;

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

    /** Nothing waits, in flight or not. */
    boolean isEmpty() {
        return records == 0;
    }

    /** The queues of the keys no call in flight carries, in service order (read-only use; the deques are live). */
    List<ArrayDeque<SinkEntry>> sendableInServiceOrder() {
        List<ArrayDeque<SinkEntry>> sendable = new ArrayList<>(queues.size());
        for (Map.Entry<String, ArrayDeque<SinkEntry>> queue : queues.entrySet()) {
            if (!sending.contains(queue.getKey())) {
                sendable.add(queue.getValue());
            }
        }
        return sendable;
    }

    /** Records waiting that no call in flight carries. */
    int pendingRecords() {
        return records - sendingRecords;
    }

    long pendingBytes() {
        return bytes - sendingBytes;
    }

    /** The keys of {@code batch} are in flight until {@link #answered} is called with it. */
    void sending(Batch batch) {
        for (Batch.Entry entry : batch.entries()) {
            sending.add(entry.members().get(0).partitionKey());
            sendingRecords += entry.members().size();
            sendingBytes += entry.members().stream().mapToLong(SinkEntry::sizeBytes).sum();
        }
    }

    /** Called before the answer's records are acknowledged or failed. */
    void answered(Batch batch) {
        for (Batch.Entry entry : batch.entries()) {
            sending.remove(entry.members().get(0).partitionKey());
            sendingRecords -= entry.members().size();
            sendingBytes -= entry.members().stream().mapToLong(SinkEntry::sizeBytes).sum();
        }
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
