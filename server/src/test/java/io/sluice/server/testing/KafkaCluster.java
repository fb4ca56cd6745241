package io.sluice.server.testing;

import io.sluice.server.StorageSettings;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka's own in-JVM KRaft cluster from its test jars: {@code brokers} brokers (one of them also the controller) on
 * loopback ports the OS picks, for tests of Kafka storage. Brokers can be stopped and started to test failures.
 */
public final class KafkaCluster implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    public KafkaCluster(int brokers) {
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", Integer.toString(Math.min(3, brokers)))
                    .setConfigProp("transaction.state.log.replication.factor", Integer.toString(Math.min(3, brokers)))
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka cluster did not start", e);
        }
    }

    /** A server's storage on this cluster, topics named {@code kinesis-<stream>}, replication factor 1. */
    public StorageSettings serverStorage() {
        return new StorageSettings(StorageSettings.Kind.KAFKA, bootstrapServers(), 1, "kinesis-", Map.of());
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops a broker as a crash would leave its peers: it stops answering. */
    public void stopBroker(int id) {
        cluster.brokers().get(id).shutdown();
        cluster.brokers().get(id).awaitShutdown();
    }

    public void startBroker(int id) {
        cluster.brokers().get(id).startup();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the embedded Kafka cluster", e);
        }
    }
}
