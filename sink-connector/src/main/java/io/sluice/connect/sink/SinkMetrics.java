package io.sluice.connect.sink;

import java.util.LinkedHashMap;
import java.util.List;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;

/**
 * The task's metrics, registered through Connect's plugin metrics (KIP-877), which the worker exposes over JMX
 * under {@code kafka.connect:type=plugins,connector=<name>,task=<id>}:
 *
 * <pre>
 * records-sent-rate, records-sent-total   records the stream acknowledged (aggregated ones one by one)
 * bytes-sent-rate, bytes-sent-total       their data plus partition key bytes
 * batch-size-avg, batch-size-max          records per PutRecords call
 * retries-total                           records put again after PutRecords failed them
 * throttled-total                         records Kinesis throttled (ProvisionedThroughputExceededException)
 * dlq-records-total                       records reported to the dead-letter queue
 * </pre>
 *
 * The worker removes the metrics when the task stops. Not thread-safe beyond what sensors are: the task's
 * thread records.
 */
final class SinkMetrics {

    static final List<String> NAMES = List.of("records-sent-rate", "records-sent-total", "bytes-sent-rate",
            "bytes-sent-total", "batch-size-avg", "batch-size-max", "retries-total", "throttled-total",
            "dlq-records-total");

    private final Sensor recordsSent;
    private final Sensor bytesSent;
    private final Sensor batchSize;
    private final Sensor retries;
    private final Sensor throttled;
    private final Sensor dlq;

    private SinkMetrics(PluginMetrics metrics) {
        if (metrics == null) {
            recordsSent = bytesSent = batchSize = retries = throttled = dlq = null;
            return;
        }
        // Sensor names are global to the worker's metrics registry and addSensor returns an existing sensor of the
        // same name, so two tasks asking for "records-sent" would share one and each count the other's records.
        // The metric tags (connector and task) make each task's sensor names its own.
        String prefix = "kinesis-sink" + name(metrics, "records-sent-total", "").tags() + ":";
        recordsSent = metrics.addSensor(prefix + "records-sent");
        recordsSent.add(new Meter(name(metrics, "records-sent-rate", "Records the stream acknowledged per second"),
                name(metrics, "records-sent-total", "Records the stream acknowledged")));
        bytesSent = metrics.addSensor(prefix + "bytes-sent");
        bytesSent.add(new Meter(name(metrics, "bytes-sent-rate", "Data plus partition key bytes acknowledged per "
                + "second"), name(metrics, "bytes-sent-total", "Data plus partition key bytes acknowledged")));
        batchSize = metrics.addSensor(prefix + "batch-size");
        batchSize.add(name(metrics, "batch-size-avg", "Average records per PutRecords call"), new Avg());
        batchSize.add(name(metrics, "batch-size-max", "Most records in one PutRecords call"), new Max());
        retries = total(metrics, prefix, "retries", "Records put again after PutRecords failed them");
        throttled = total(metrics, prefix, "throttled", "Records Kinesis throttled");
        dlq = total(metrics, prefix, "dlq-records", "Records reported to the dead-letter queue");
    }

    /** Metrics registered with {@code metrics}. */
    static SinkMetrics register(PluginMetrics metrics) {
        return new SinkMetrics(metrics);
    }

    /** Metrics that record nothing, for use without a Connect worker. */
    static SinkMetrics none() {
        return new SinkMetrics(null);
    }

    private static MetricName name(PluginMetrics metrics, String name, String description) {
        return metrics.metricName(name, description, new LinkedHashMap<>());
    }

    private static Sensor total(PluginMetrics metrics, String prefix, String name, String description) {
        Sensor sensor = metrics.addSensor(prefix + name);
        sensor.add(name(metrics, name + "-total", description), new CumulativeSum());
        return sensor;
    }

    void batch(int records) {
        record(batchSize, records);
    }

    void sent(int records, long bytes) {
        record(recordsSent, records);
        record(bytesSent, bytes);
    }

    void retried(int records) {
        record(retries, records);
    }

    void throttled(int records) {
        record(throttled, records);
    }

    void deadLettered() {
        record(dlq, 1);
    }

    private static void record(Sensor sensor, double value) {
        if (sensor != null) {
            sensor.record(value);
        }
    }
}
