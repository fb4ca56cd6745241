package io.sluice.testkit;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker in a Docker container (Testcontainers) with a distributed Connect worker in this JVM. For
 * machines with a Docker engine; the kit checks for one before choosing this mode.
 */
final class ContainerKafkaConnect implements KafkaConnectCluster {

    /** The broker image; override with the system property {@code sluice.test.kafka.image}. */
    static final String IMAGE = System.getProperty("sluice.test.kafka.image", "apache/kafka:4.1.0");

    private final String name;
    private final Map<String, String> workerOverrides;
    private final KafkaContainer broker = new KafkaContainer(IMAGE);
    private Connect<DistributedHerder> worker;

    ContainerKafkaConnect(String name, Map<String, String> workerOverrides) {
        this.name = name;
        this.workerOverrides = workerOverrides;
    }

    @Override
    public void start() {
        broker.start();
        Map<String, String> props =
                WorkerDefaults.distributedWorkerProperties(name, broker.getBootstrapServers(), workerOverrides);
        worker = new ConnectDistributed().startConnect(props);
    }

    @Override
    public String bootstrapServers() {
        return broker.getBootstrapServers();
    }

    @Override
    public URI connectUrl() {
        String url = worker.rest().serverUrl().toString();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.stop();
            worker.awaitStop();
        }
        broker.stop();
    }
}
