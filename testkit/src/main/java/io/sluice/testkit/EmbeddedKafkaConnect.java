package io.sluice.testkit;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Kafka's own embedded cluster from its test jars: a single-node KRaft broker and one distributed Connect worker
 * in this JVM, on loopback ports the OS picks.
 */
final class EmbeddedKafkaConnect implements KafkaConnectCluster {

    private final EmbeddedConnectCluster cluster;

    EmbeddedKafkaConnect(String name, Map<String, String> workerOverrides) {
        Properties brokerProps = new Properties();
        // A single broker: internal topics cannot be replicated more than once.
        brokerProps.put("offsets.topic.replication.factor", "1");
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        this.cluster = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(1)
                .numBrokers(1)
                .brokerProps(brokerProps)
                .workerProps(WorkerDefaults.workerProperties(workerOverrides))
                .build();
    }

    @Override
    public void start() {
        cluster.start();
        try {
            cluster.assertions().assertAtLeastNumWorkersAreUp(1, "The embedded Connect worker did not come up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Connect worker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    @Override
    public URI connectUrl() {
        String endpoint = cluster.endpointForResource("");
        return URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    }

    /** The underlying cluster, for what only Kafka's embedded cluster can do (add or remove workers). */
    EmbeddedConnectCluster embedded() {
        return cluster;
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
