package io.sluice.connect.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Per topic-partition, which accepted records are still outstanding, so {@code preCommit} commits only what is
 * safe: the committable offset of a partition is its lowest outstanding offset, or one past the highest accepted
 * offset when nothing is outstanding. Records are done when the stream acknowledged them, or when they were
 * skipped (tombstones) or reported to the dead-letter queue. Records of one partition are accepted in offset
 * order but may be done in any order (different partition keys, retries), which is why outstanding offsets are a
 * set, not a counter.
 *
 * <pre>
 * accepted 10 11 12 13, done 10 12 13  -> outstanding {11}  -> commit 11
 * done 11                              -> outstanding {}    -> commit 14
 * </pre>
 *
 * <p>Also answers whether an offset was accepted before, so records the worker redelivers after a
 * {@code RetriableException} are not queued twice. Not thread-safe: the task's thread only.
 */
final class AcknowledgedOffsets {

    private static final class Partition {
        final TreeSet<Long> outstanding = new TreeSet<>();
        long highestAccepted = -1;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /** Whether {@code offset} of {@code tp} is beyond everything accepted so far (i.e. not a redelivery). */
    boolean isNew(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        return p == null || offset > p.highestAccepted;
    }

    /** Records that {@code offset} was accepted and is outstanding until {@link #done}. */
    void accepted(TopicPartition tp, long offset) {
        Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
        if (offset <= p.highestAccepted) {
            throw new IllegalStateException("offset " + offset + " of " + tp + " accepted after "
                    + p.highestAccepted);
        }
        p.highestAccepted = offset;
        p.outstanding.add(offset);
    }

    /** Records that {@code offset} needs no more work; unknown offsets (of a closed partition) are ignored. */
    void done(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p != null) {
            p.outstanding.remove(offset);
        }
    }

    /** Outstanding records over all partitions. */
    int outstanding() {
        return partitions.values().stream().mapToInt(p -> p.outstanding.size()).sum();
    }

    /**
     * The offsets to commit for those of {@code assigned} with accepted records: per partition, the next record
     * to consume from after a restart. Partitions without accepted records are left out, so their committed
     * offsets stay as they are.
     */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : assigned) {
            Partition p = partitions.get(tp);
            if (p != null) {
                long next = p.outstanding.isEmpty() ? p.highestAccepted + 1 : p.outstanding.first();
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    /** Forgets closed partitions: their outstanding records will be consumed again by their next owner. */
    void forget(Collection<TopicPartition> closed) {
        closed.forEach(partitions::remove);
    }
}
