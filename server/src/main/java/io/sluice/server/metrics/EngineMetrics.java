package io.sluice.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The engine's figures at scrape time: per stream its consumers, per shard the figures CloudWatch has for Kinesis
 * (incoming and outgoing records and bytes, throttled writes and reads, iterator age, subscriptions), its log's size
 * and whether it takes writes. Read from the engine's counters when scraped, so a deleted stream's series simply
 * disappear. Thread-safe.
 */
final class EngineMetrics implements MultiCollector {

    private record ShardFigure(String name, String help, boolean counter, ToDoubleFunction<StreamStatistics.Shard> value) {
    }

    private static final List<ShardFigure> SHARD_FIGURES = List.of(
            counter("sluice_stream_incoming_records", "Records written to the shard (PutRecord, PutRecords)",
                    s -> s.counters().incomingRecords()),
            counter("sluice_stream_incoming_bytes", "Bytes (data and partition key) written to the shard",
                    s -> s.counters().incomingBytes()),
            counter("sluice_stream_write_throttled_records", "Records refused for the shard's write throughput "
                    + "(CloudWatch's WriteProvisionedThroughputExceeded)", s -> s.counters().writeThrottledRecords()),
            counter("sluice_stream_getrecords_records", "Records returned by GetRecords",
                    s -> s.counters().getRecordsRecords()),
            counter("sluice_stream_getrecords_bytes", "Bytes (data and partition key) returned by GetRecords",
                    s -> s.counters().getRecordsBytes()),
            counter("sluice_stream_read_throttled_calls", "GetRecords calls refused for the shard's read throughput "
                    + "(CloudWatch's ReadProvisionedThroughputExceeded)", s -> s.counters().readThrottledCalls()),
            counter("sluice_stream_pushed_records", "Records pushed to enhanced fan-out subscribers "
                    + "(CloudWatch's SubscribeToShardEvent.Records)", s -> s.counters().pushedRecords()),
            counter("sluice_stream_pushed_bytes", "Bytes (data and partition key) pushed to enhanced fan-out subscribers",
                    s -> s.counters().pushedBytes()),
            gauge("sluice_shard_iterator_age_milliseconds", "How far the last GetRecords answer lagged the shard's "
                    + "newest record (CloudWatch's GetRecords.IteratorAgeMilliseconds)", s -> s.counters().iteratorAgeMs()),
            gauge("sluice_shard_subscriptions", "Enhanced fan-out subscriptions open on the shard",
                    s -> s.counters().subscriptions()),
            gauge("sluice_shard_log_bytes", "Size of the shard's log on disk (absent with Kafka storage)",
                    StreamStatistics.Shard::logBytes),
            gauge("sluice_shard_open", "1 for an open shard, 0 for a closed one still held", s -> s.open() ? 1 : 0),
            gauge("sluice_shard_out_of_service", "1 when the shard takes no writes since an fsync of its log failed",
                    s -> s.outOfService() ? 1 : 0));

    private final StreamEngine engine;

    EngineMetrics(StreamEngine engine) {
        this.engine = engine;
    }

    @Override
    public MetricSnapshots collect() {
        List<StreamStatistics> streams = engine.statistics();
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        GaugeSnapshot.Builder consumers = GaugeSnapshot.builder().name("sluice_stream_consumers")
                .help("Registered stream consumers (enhanced fan-out)");
        for (StreamStatistics stream : streams) {
            consumers.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("stream", stream.stream()))
                    .value(stream.consumers()).build());
        }
        snapshots.metricSnapshot(consumers.build());
        for (ShardFigure figure : SHARD_FIGURES) {
            if (figure.counter()) {
                CounterSnapshot.Builder counter = CounterSnapshot.builder().name(figure.name()).help(figure.help());
                forEachShard(streams, (labels, shard) -> counter.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(labels).value(figure.value().applyAsDouble(shard)).build()));
                snapshots.metricSnapshot(counter.build());
            } else {
                GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(figure.name()).help(figure.help());
                forEachShard(streams, (labels, shard) -> {
                    double value = figure.value().applyAsDouble(shard);
                    if (value >= 0) { // negative: the storage cannot tell (a shard's bytes in Kafka)
                        gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
                    }
                });
                snapshots.metricSnapshot(gauge.build());
            }
        }
        return snapshots.build();
    }

    private interface ShardVisitor {
        void visit(Labels labels, StreamStatistics.Shard shard);
    }

    private static void forEachShard(List<StreamStatistics> streams, ShardVisitor visitor) {
        for (StreamStatistics stream : streams) {
            for (StreamStatistics.Shard shard : stream.shards()) {
                visitor.visit(Labels.of("stream", stream.stream(), "shard", shard.shardId()), shard);
            }
        }
    }

    private static ShardFigure counter(String name, String help, ToDoubleFunction<StreamStatistics.Shard> value) {
        return new ShardFigure(name, help, true, value);
    }

    private static ShardFigure gauge(String name, String help, ToDoubleFunction<StreamStatistics.Shard> value) {
        return new ShardFigure(name, help, false, value);
    }

    /** The data directory's log bytes: the sum of the shards' logs. */
    static double logBytes(StreamEngine engine) {
        return engine.statistics().stream().flatMap(s -> s.shards().stream())
                .mapToLong(StreamStatistics.Shard::logBytes).filter(bytes -> bytes >= 0).sum();
    }
}
