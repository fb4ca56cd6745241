package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

/** The metrics on Kafka's own plugin metrics implementation, two tasks sharing one registry as in a worker. */
class SinkMetricsTest {

    private static double value(Metrics metrics, String name, String task) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "c");
        tags.put("task", task);
        return ((Number) metrics.metric(new MetricName(name, "plugins", "", tags)).metricValue()).doubleValue();
    }

    private static Map<String, String> tags(String task) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "c");
        tags.put("task", task);
        return tags;
    }

    @Test
    void eachTaskCountsOnlyItsOwnRecordsInOneSharedRegistry() throws Exception {
        try (Metrics metrics = new Metrics();
             PluginMetricsImpl task0 = new PluginMetricsImpl(metrics, tags("0"));
             PluginMetricsImpl task1 = new PluginMetricsImpl(metrics, tags("1"))) {
            SinkMetrics m0 = SinkMetrics.register(task0);
            SinkMetrics m1 = SinkMetrics.register(task1);
            m0.sent(3, 30);
            m0.batch(3);
            m1.sent(5, 50);
            m1.batch(5);
            m1.batch(1);
            m1.throttled(2);
            m1.retried(2);
            m0.deadLettered();

            assertThat(value(metrics, "records-sent-total", "0")).isEqualTo(3.0);
            assertThat(value(metrics, "records-sent-total", "1")).isEqualTo(5.0);
            assertThat(value(metrics, "bytes-sent-total", "1")).isEqualTo(50.0);
            assertThat(value(metrics, "batch-size-avg", "1")).isEqualTo(3.0);
            assertThat(value(metrics, "batch-size-max", "1")).isEqualTo(5.0);
            assertThat(value(metrics, "throttled-total", "1")).isEqualTo(2.0);
            assertThat(value(metrics, "retries-total", "1")).isEqualTo(2.0);
            assertThat(value(metrics, "dlq-records-total", "0")).isEqualTo(1.0);
            assertThat(value(metrics, "dlq-records-total", "1")).isEqualTo(0.0);
        }
    }
}
