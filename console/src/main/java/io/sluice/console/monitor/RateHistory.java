package io.sluice.console.monitor;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamStatistics;
import io.sluice.core.stream.ShardCounters;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The incoming rates the console charts: the engine's shard counters sampled once a second, the last
 * {@value #SAMPLES} samples (15 minutes) kept per stream, the latest two per shard for its current rate. A
 * sample costs one pass over the engine's statistics; the memory is bounded by the streams held, not by traffic.
 * Thread-safe: the console's sampler thread writes, pages read.
 */
public final class RateHistory {

    static final int SAMPLES = 900;
    public static final long INTERVAL_MS = 1000;
    private static final int THROTTLE_WINDOW = 60;

    /** A stream's counters summed over its shards at one time. */
    private record Totals(long records, long bytes, long throttled) {
    }

    private record Tick(long timeMs, Map<String, Totals> streams) {
    }

    /** Rates over the last interval, per second, and throttled records and reads over the last minute. */
    public record Rates(double recordsPerSecond, double bytesPerSecond, long throttledLastMinute) {
        static final Rates NONE = new Rates(0, 0, 0);
    }

    /** A stream's incoming records and bytes per second at each sample time (epoch seconds), oldest first. */
    public record Series(List<Long> times, List<Double> records, List<Double> bytes) {
    }

    private final StreamEngine engine;
    private final Clock clock;
    private final ArrayDeque<Tick> ticks = new ArrayDeque<>();
    private Tick latestShards = new Tick(0, Map.of()); // keyed "stream/shardId"
    private Tick previousShards = new Tick(0, Map.of());

    public RateHistory(StreamEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Takes a sample of every stream's counters: the console does every {@value #INTERVAL_MS} ms. */
    public void sample() {
        long now = clock.millis();
        Map<String, Totals> streams = new HashMap<>();
        Map<String, Totals> shards = new HashMap<>();
        for (StreamStatistics stream : engine.statistics()) {
            long records = 0;
            long bytes = 0;
            long throttled = 0;
            for (StreamStatistics.Shard shard : stream.shards()) {
                ShardCounters.Snapshot c = shard.counters();
                Totals totals = new Totals(c.incomingRecords(), c.incomingBytes(),
                        c.writeThrottledRecords() + c.readThrottledCalls());
                shards.put(stream.stream() + "/" + shard.shardId(), totals);
                records += totals.records();
                bytes += totals.bytes();
                throttled += totals.throttled();
            }
            streams.put(stream.stream(), new Totals(records, bytes, throttled));
        }
        synchronized (this) {
            ticks.addLast(new Tick(now, streams));
            if (ticks.size() > SAMPLES) {
                ticks.removeFirst();
            }
            previousShards = latestShards;
            latestShards = new Tick(now, shards);
        }
    }

    /** The stream's current rates. */
    public synchronized Rates rates(String stream) {
        if (ticks.size() < 2) {
            return Rates.NONE;
        }
        Tick latest = ticks.peekLast();
        Tick previous = nthFromEnd(1);
        Totals now = latest.streams().get(stream);
        Totals before = previous.streams().get(stream);
        if (now == null || before == null) {
            return Rates.NONE;
        }
        Tick minuteAgo = ticks.size() > THROTTLE_WINDOW ? nthFromEnd(THROTTLE_WINDOW) : ticks.peekFirst();
        Totals then = minuteAgo.streams().get(stream);
        return rate(now, before, latest.timeMs() - previous.timeMs(),
                then == null ? 0 : Math.max(0, now.throttled() - then.throttled()));
    }

    /** A shard's current rates (its throttles over the last interval only). */
    public synchronized Rates shardRates(String stream, String shardId) {
        Totals now = latestShards.streams().get(stream + "/" + shardId);
        Totals before = previousShards.streams().get(stream + "/" + shardId);
        if (now == null || before == null) {
            return Rates.NONE;
        }
        return rate(now, before, latestShards.timeMs() - previousShards.timeMs(),
                Math.max(0, now.throttled() - before.throttled()));
    }

    /** The stream's rates over the last 15 minutes. */
    public synchronized Series series(String stream) {
        List<Long> times = new ArrayList<>(ticks.size());
        List<Double> records = new ArrayList<>(ticks.size());
        List<Double> bytes = new ArrayList<>(ticks.size());
        Tick before = null;
        for (Tick tick : ticks) {
            if (before != null) {
                Totals now = tick.streams().get(stream);
                Totals then = before.streams().get(stream);
                times.add(tick.timeMs() / 1000);
                if (now == null || then == null) {
                    records.add(0.0);
                    bytes.add(0.0);
                } else {
                    Rates rates = rate(now, then, tick.timeMs() - before.timeMs(), 0);
                    records.add(rates.recordsPerSecond());
                    bytes.add(rates.bytesPerSecond());
                }
            }
            before = tick;
        }
        return new Series(times, records, bytes);
    }

    private static Rates rate(Totals now, Totals before, long elapsedMs, long throttled) {
        double seconds = Math.max(elapsedMs, 1) / 1000.0;
        // counters start again when a stream is deleted and created anew, or a closed shard is removed: never negative
        return new Rates(Math.max(0, now.records() - before.records()) / seconds,
                Math.max(0, now.bytes() - before.bytes()) / seconds, throttled);
    }

    private Tick nthFromEnd(int n) {
        Iterator<Tick> descending = ticks.descendingIterator();
        Tick tick = null;
        for (int i = 0; i <= n && descending.hasNext(); i++) {
            tick = descending.next();
        }
        return tick;
    }

}
