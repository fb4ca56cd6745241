package io.sluice.compat.kcl;

import java.util.ArrayList;
import java.util.List;

/**
 * What the record processors of all workers saw, in the order they saw it: shards taken, records processed and
 * shards ended.
 * Thread-safe (the workers' processors call it from their own threads).
 */
final class Journal {

    enum Kind { SHARD_TAKEN, RECORD, SHARD_END }

    /** One event; {@code data} is the record's text, null for the other kinds. */
    record Event(int order, String worker, String shardId, Kind kind, String partitionKey, String data) {
    }

    private final List<Event> events = new ArrayList<>();

    synchronized void shardTaken(String worker, String shardId) {
        events.add(new Event(events.size(), worker, shardId, Kind.SHARD_TAKEN, null, null));
    }

    synchronized void processed(String worker, String shardId, String partitionKey, String data) {
        events.add(new Event(events.size(), worker, shardId, Kind.RECORD, partitionKey, data));
    }

    synchronized void shardEnded(String worker, String shardId) {
        events.add(new Event(events.size(), worker, shardId, Kind.SHARD_END, null, null));
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Distinct records processed so far. */
    synchronized long distinctRecords() {
        return events.stream().filter(e -> e.kind() == Kind.RECORD).map(Event::data).distinct().count();
    }

    synchronized int size() {
        return events.size();
    }
}
