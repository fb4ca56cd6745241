package io.sluice.testkit;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Starts one Kafka broker and one distributed Connect worker (with its REST API) before the first test of a
 * class and stops both after the last. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();
 * ...
 * KAFKA.topics().create("orders", 3);
 * KAFKA.connect().get("/connector-plugins");
 * }</pre>
 *
 * <p>The broker is Kafka's embedded KRaft broker unless the system property {@code sluice.test.kafka=container}
 * asks for a Testcontainers broker; without a Docker engine that mode skips the class with one log line.
 * Further services (the Sluice server) come as their own extensions registered next to this one, so a test
 * class starts exactly what it uses.
 */
public final class KafkaConnectExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Logger log = LoggerFactory.getLogger(KafkaConnectExtension.class);

    private final Map<String, String> workerOverrides;
    private final boolean workerInChildProcess;
    private KafkaConnectCluster cluster;
    private KafkaTopics topics;
    private ConnectRestClient connect;

    private KafkaConnectExtension(Map<String, String> workerOverrides, boolean workerInChildProcess) {
        this.workerOverrides = Map.copyOf(workerOverrides);
        this.workerInChildProcess = workerInChildProcess;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName();
        BrokerMode mode = BrokerMode.fromSystemProperty();
        if (mode == BrokerMode.CONTAINER && !DockerClientFactory.instance().isDockerAvailable()) {
            log.warn("Skipping {}: {}=container needs a Docker engine and none is reachable", name, BrokerMode.PROPERTY);
            Assumptions.abort("No Docker engine for " + BrokerMode.PROPERTY + "=container");
        }
        if (mode == BrokerMode.CONTAINER) {
            cluster = new ContainerKafkaConnect(name, workerOverrides);
        } else if (workerInChildProcess) {
            cluster = new ChildProcessKafkaConnect(name, workerOverrides);
        } else {
            cluster = new EmbeddedKafkaConnect(name, workerOverrides);
        }
        long started = System.nanoTime();
        cluster.start();
        log.info("{} Kafka + Connect for {} up in {} ms (bootstrap {}, REST {})", mode, name,
                (System.nanoTime() - started) / 1_000_000, cluster.bootstrapServers(), cluster.connectUrl());
        topics = new KafkaTopics(cluster.bootstrapServers());
        connect = new ConnectRestClient(cluster.connectUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    public URI connectUrl() {
        return running().connectUrl();
    }

    public KafkaTopics topics() {
        running();
        return topics;
    }

    public ConnectRestClient connect() {
        running();
        return connect;
    }

    /**
     * Kills the Connect worker with {@code SIGKILL} (no task stop, no offset flush, no transaction abort) and waits
     * until the process is gone. Needs {@link Builder#workerInChildProcess()}.
     */
    public void killWorker() {
        childProcessCluster("killWorker").killWorker();
    }

    /**
     * Starts a new Connect worker process in the same group, on the same REST URL, and returns once its REST API
     * reports it healthy. Needs {@link Builder#workerInChildProcess()}.
     */
    public void startWorker() {
        childProcessCluster("startWorker").startWorker();
    }

    private ChildProcessKafkaConnect childProcessCluster(String operation) {
        if (running() instanceof ChildProcessKafkaConnect child) {
            return child;
        }
        throw new IllegalStateException(operation + " needs a worker in its own process: build the extension with "
                + "KafkaConnectExtension.builder().workerInChildProcess()");
    }

    private KafkaConnectCluster running() {
        if (cluster == null) {
            throw new IllegalStateException("The cluster is not running: register the extension on a static field "
                    + "with @RegisterExtension and use it from test methods");
        }
        return cluster;
    }

    /** Options for the cluster; worker properties override the kit's defaults. */
    public static final class Builder {
        private final Map<String, String> workerOverrides = new HashMap<>();
        private boolean workerInChildProcess;

        public Builder workerProperty(String key, String value) {
            workerOverrides.put(key, value);
            return this;
        }

        /**
         * Runs the Connect worker in a child JVM (the broker stays in this one), so a test can
         * {@link KafkaConnectExtension#killWorker() kill} it and {@link KafkaConnectExtension#startWorker() start} a
         * new one. The worker's plugins come from
         * this JVM's class path; in-JVM views of the worker (its MBeans, its classes' statics) are then out of
         * reach. Ignored with {@code sluice.test.kafka=container}.
         */
        public Builder workerInChildProcess() {
            workerInChildProcess = true;
            return this;
        }

        public KafkaConnectExtension build() {
            return new KafkaConnectExtension(workerOverrides, workerInChildProcess);
        }
    }
}
