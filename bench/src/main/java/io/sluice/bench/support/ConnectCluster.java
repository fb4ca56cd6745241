package io.sluice.bench.support;

import io.sluice.testkit.ConnectRestClient;
import io.sluice.testkit.KafkaTopics;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One KRaft broker and one distributed Connect worker in this JVM (Kafka's embedded cluster), with the Sluice
 * connectors found through their service-loader manifests, as a packaged plugin would be. Byte-array converters,
 * so records cross Connect as the bytes they are.
 */
public final class ConnectCluster implements AutoCloseable {

    private final EmbeddedConnectCluster cluster;
    private final KafkaTopics topics;
    private final ConnectRestClient rest;

    public ConnectCluster(String name) {
        Properties broker = new Properties();
        broker.put("offsets.topic.replication.factor", "1");
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("listeners", "http://127.0.0.1:0");
        worker.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        // Sink offsets are committed on this interval; the sink benchmark reads completion from them.
        worker.put("offset.flush.interval.ms", "250");
        cluster = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1).numBrokers(1)
                .brokerProps(broker).workerProps(worker).build();
        cluster.start();
        topics = new KafkaTopics(cluster.kafka().bootstrapServers());
        String endpoint = cluster.endpointForResource("");
        rest = new ConnectRestClient(URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint));
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    public KafkaTopics topics() {
        return topics;
    }

    public ConnectRestClient rest() {
        return rest;
    }

    public Admin admin() {
        return cluster.kafka().createAdminClient();
    }

    /** Creates (or replaces) a connector and fails loudly if the worker refuses it. */
    public void deploy(String name, Map<String, String> config) {
        ConnectRestClient.Response response = rest.put("/connectors/" + name + "/config", config);
        if (!response.isSuccess()) {
            throw new IllegalStateException("Connector " + name + " refused: " + response.status() + " " + response.body());
        }
    }

    /** A running count of what a connector moved so far (records delivered, offsets committed). */
    @FunctionalInterface
    public interface Progress {
        long count() throws Exception;
    }

    /**
     * Polls {@code progress} until it reaches {@code target} and returns the connector's rate in records per second
     * from the first poll that saw any progress to the one that saw the target — so the worker's task start-up is
     * not counted. Fails fast when the connector fails, and after ten minutes. The connector keeps running (its
     * threads' CPU can still be read): {@link #delete} it.
     */
    public double transferRate(String connector, long target, Progress progress) throws Exception {
        long first = 0;
        long atFirst = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (int polls = 1; ; polls++) {
            long count = progress.count();
            long now = System.nanoTime();
            if (first == 0 && count > 0) {
                first = now;
                atFirst = count;
            }
            if (count >= target) {
                return (count - atFirst) / ((now - first) / 1e9);
            }
            if (now > deadline) {
                throw new IllegalStateException(connector + " moved " + count + " of " + target
                        + " records in 10 minutes: " + rest.get("/connectors/" + connector + "/status").body());
            }
            if (polls % 50 == 0) {
                checkNotFailed(connector); // once a second: fail fast rather than time out
            }
            Thread.sleep(20);
        }
    }

    public void delete(String connector) {
        rest.delete("/connectors/" + connector);
    }

    /** Throws with the worker's trace if connector {@code name} or one of its tasks has FAILED. */
    public void checkNotFailed(String name) {
        ConnectRestClient.Response status = rest.get("/connectors/" + name + "/status");
        if (status.status() != 200) {
            return; // not known yet
        }
        if (status.body().path("connector").path("state").asText().equals("FAILED")) {
            throw new IllegalStateException(name + " failed: " + status.body().path("connector").path("trace").asText());
        }
        for (var task : status.body().path("tasks")) {
            if (task.path("state").asText().equals("FAILED")) {
                throw new IllegalStateException(name + " task " + task.path("id").asText() + " failed: "
                        + task.path("trace").asText());
            }
        }
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
