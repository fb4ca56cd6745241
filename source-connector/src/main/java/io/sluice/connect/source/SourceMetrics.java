package io.sluice.connect.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * A task's per-shard metrics, registered through Connect's plugin metrics (KIP-877), so the worker also exposes them
 * over JMX as {@code kafka.connect:type=plugins,connector=...,task=...,stream=...,shard=...}:
 *
 * <pre>
 * millis-behind-latest           how far the last GetRecords was behind the shard's tip (Kinesis's MillisBehindLatest)
 * records-rate, records-total    records sent to Kafka, per second and in all
 * bytes-rate, bytes-total        their data bytes
 * throttles-total                GetRecords calls throttled (ProvisionedThroughputExceededException)
 * trimmed-position-resets-total  positions found older than the trim horizon and continued from it
 * </pre>
 *
 * Sensors are thread-safe; a {@link Shard} is updated by the task thread and read by metrics reporters.
 */
final class SourceMetrics {

    private final PluginMetrics metrics;
    /**
     * Sensor names are global to the worker's metrics registry (plugin metrics do not qualify them), so two tasks
     * reading the same shard — two connectors, or a task and its restarted successor — would share sensors.
     */
    private final String sensorPrefix = "kinesis-source." + UUID.randomUUID() + ".";

    SourceMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    Shard shard(ShardRef ref) {
        return new Shard(ref);
    }

    /** The metrics of one shard; {@link #close()} removes them. */
    final class Shard implements AutoCloseable {
        private final String prefix;
        private final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        private final AtomicLong millisBehindLatest = new AtomicLong(-1);
        private final MetricName millisBehindName;
        private final Sensor records;
        private final Sensor bytes;
        private final Sensor throttles;
        private final Sensor trimmedResets;

        private Shard(ShardRef ref) {
            tags.put("stream", ref.stream());
            tags.put("shard", ref.shardId());
            prefix = sensorPrefix + ref + ".";
            millisBehindName = metrics.metricName("millis-behind-latest",
                    "How far the last GetRecords call was behind the shard's newest record, in ms (-1: not read yet)",
                    tags);
            metrics.addMetric(millisBehindName, (Gauge<Long>) (config, now) -> millisBehindLatest.get());
            records = rateAndTotal("records", "records sent to Kafka");
            bytes = rateAndTotal("bytes", "data bytes sent to Kafka");
            throttles = total("throttles-total", "GetRecords calls throttled by the shard's read limits");
            trimmedResets = total("trimmed-position-resets-total",
                    "Positions older than the trim horizon, continued from the trim horizon");
        }

        private Sensor rateAndTotal(String name, String what) {
            Sensor sensor = metrics.addSensor(prefix + name);
            sensor.add(metrics.metricName(name + "-rate", "The " + what + " per second", tags), new Rate());
            sensor.add(metrics.metricName(name + "-total", "The " + what + " in all", tags), new CumulativeSum());
            return sensor;
        }

        private Sensor total(String name, String description) {
            Sensor sensor = metrics.addSensor(prefix + name);
            sensor.add(metrics.metricName(name, description, tags), new CumulativeSum());
            return sensor;
        }

        void read(int recordCount, long byteCount, Long millisBehind) {
            records.record(recordCount);
            bytes.record(byteCount);
            if (millisBehind != null) {
                millisBehindLatest.set(millisBehind);
            }
        }

        void throttled() {
            throttles.record();
        }

        void trimmedPositionReset() {
            trimmedResets.record();
        }

        @Override
        public void close() {
            metrics.removeMetric(millisBehindName);
            for (String sensor : List.of("records", "bytes", "throttles-total", "trimmed-position-resets-total")) {
                metrics.removeSensor(prefix + sensor);
            }
        }
    }
}
