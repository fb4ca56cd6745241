package io.sluice.connect.sink;

import io.sluice.connect.common.kpl.KplAggregation;
import io.sluice.connect.common.kpl.KplAggregation.Aggregate;
import io.sluice.connect.common.kpl.KplAggregation.Aggregator;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * One PutRecords call's worth of records for one stream, at most {@value #MAX_ENTRIES} entries and
 * {@value #MAX_BYTES} bytes of data plus partition keys (Kinesis's limits), with at most one entry per partition
 * key. Because Kinesis may fail any entry of a call and accept a later one, two entries of one key in one call
 * could be written out of order; one entry per key per call rules that out. With aggregation an entry is a KPL
 * aggregate of the leading records of its key (same explicit hash key, up to 1 MiB), which keeps their order
 * inside one stream record. Immutable once built.
 */
final class Batch {

    static final int MAX_ENTRIES = 500;
    static final int MAX_BYTES = 5 * 1024 * 1024;

    /** One PutRecords entry and the records it carries, in order. */
    record Entry(PutRecordsRequestEntry request, List<SinkEntry> members, int sizeBytes) {
        Entry {
            members = List.copyOf(members);
        }
    }

    private final String stream;
    private final List<Entry> entries;

    private Batch(String stream, List<Entry> entries) {
        this.stream = stream;
        this.entries = List.copyOf(entries);
    }

    /**
     * Takes the head of each sendable key's queue (or its aggregate), in service order, until a limit is reached;
     * empty when every waiting key is in flight.
     */
    static Batch next(String stream, KeyQueues queues, boolean aggregate) {
        List<Entry> entries = new ArrayList<>();
        int bytes = 0;
        for (ArrayDeque<SinkEntry> queue : queues.sendableInServiceOrder()) {
            if (entries.size() == MAX_ENTRIES) {
                break;
            }
            SinkEntry head = queue.peekFirst();
            if (head.sizeBytes() > MAX_BYTES - bytes) {
                continue; // a smaller head of another key may still fit
            }
            Entry entry = aggregate ? aggregated(queue, MAX_BYTES - bytes) : plain(head);
            entries.add(entry);
            bytes += entry.sizeBytes();
        }
        return new Batch(stream, entries);
    }

    private static Entry plain(SinkEntry entry) {
        PutRecordsRequestEntry.Builder request = PutRecordsRequestEntry.builder()
                .partitionKey(entry.partitionKey())
                .data(SdkBytes.fromByteArrayUnsafe(entry.data()));
        if (entry.explicitHashKey() != null) {
            request.explicitHashKey(entry.explicitHashKey());
        }
        return new Entry(request.build(), List.of(entry), entry.sizeBytes());
    }

    /** The leading records of one key with the head's explicit hash key, packed while they fit {@code room}. */
    private static Entry aggregated(ArrayDeque<SinkEntry> queue, int room) {
        SinkEntry head = queue.peekFirst();
        Aggregator aggregator = new Aggregator(Math.min(KplAggregation.MAX_RECORD_BYTES, room));
        List<SinkEntry> members = new ArrayList<>();
        for (SinkEntry entry : queue) {
            if (!Objects.equals(entry.explicitHashKey(), head.explicitHashKey())
                    || !aggregator.tryAdd(new UserRecord(entry.partitionKey(), entry.explicitHashKey(),
                            entry.data()))) {
                break;
            }
            members.add(entry);
        }
        if (members.size() <= 1) {
            return plain(head); // alone, or too big to wrap: a plain record is what any consumer reads
        }
        Aggregate aggregate = aggregator.drain();
        PutRecordsRequestEntry.Builder request = PutRecordsRequestEntry.builder()
                .partitionKey(aggregate.partitionKey())
                .data(SdkBytes.fromByteArrayUnsafe(aggregate.data()));
        if (aggregate.explicitHashKey() != null) {
            request.explicitHashKey(aggregate.explicitHashKey());
        }
        return new Entry(request.build(), members, aggregate.sizeBytes());
    }

    String stream() {
        return stream;
    }

    List<Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<PutRecordsRequestEntry> requests() {
        return entries.stream().map(Entry::request).toList();
    }

    /** Records carried, aggregated ones counted one by one. */
    int recordCount() {
        return entries.stream().mapToInt(e -> e.members().size()).sum();
    }
}
