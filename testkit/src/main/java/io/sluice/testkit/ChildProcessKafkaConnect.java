package io.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's embedded KRaft broker in this JVM and a distributed Connect worker in a child JVM, so a test can kill the
 * worker the hard way ({@code SIGKILL}: no task stop, no offset flush, no transaction abort) and start a new one.
 *
 * <p>The child runs {@link ConnectDistributed} on this JVM's class path, so it finds the connectors under test
 * through their service-loader manifests exactly as the in-JVM worker does. Every worker this cluster starts
 * listens on the same REST port, so {@link #connectUrl()} stays valid across restarts. The worker's output goes
 * to {@code target/connect-workers/<test class>-<n>.log}. Not thread-safe: one test thread drives it.
 */
final class ChildProcessKafkaConnect implements KafkaConnectCluster {

    private static final Logger log = LoggerFactory.getLogger(ChildProcessKafkaConnect.class);
    private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Map<String, String> workerOverrides;
    private final EmbeddedKafkaCluster kafka;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path workerProperties;
    private Process worker;
    private int workersStarted;

    ChildProcessKafkaConnect(String name, Map<String, String> workerOverrides) {
        this.name = name;
        this.workerOverrides = workerOverrides;
        Properties brokerProps = new Properties();
        brokerProps.put("offsets.topic.replication.factor", "1");
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        this.kafka = new EmbeddedKafkaCluster(1, brokerProps);
        this.restPort = freePort();
    }

    @Override
    public void start() {
        kafka.start();
        workerProperties = writeWorkerProperties();
        startWorker();
    }

    /** Starts a new worker process and returns once its REST API reports it healthy. */
    void startWorker() {
        if (worker != null && worker.isAlive()) {
            throw new IllegalStateException("A worker is already running (pid " + worker.pid() + ")");
        }
        Path logFile = Path.of("target", "connect-workers", name + "-" + ++workersStarted + ".log");
        try {
            Files.createDirectories(logFile.getParent());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            worker = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    ConnectDistributed.class.getName(), workerProperties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a Connect worker process", e);
        }
        awaitHealthy(logFile);
        log.info("Connect worker {} (pid {}) up at {}; log {}", workersStarted, worker.pid(), connectUrl(), logFile);
    }

    /** Kills the worker process with SIGKILL and waits until it is gone. */
    void killWorker() {
        if (worker == null || !worker.isAlive()) {
            throw new IllegalStateException("No worker is running");
        }
        worker.destroyForcibly();
        try {
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The worker process " + worker.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing the worker", e);
        }
        log.info("Connect worker {} killed", workersStarted);
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public URI connectUrl() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    @Override
    public void close() {
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly();
            try {
                worker.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kafka.stop();
    }

    private Path writeWorkerProperties() {
        // A killed worker never leaves the group: its replacement gets the tasks back after the broker drops it
        // (session timeout) and without the default five-minute wait for the lost member to return.
        Map<String, String> props = new HashMap<>(Map.of(
                "session.timeout.ms", "6000",
                "heartbeat.interval.ms", "2000",
                "scheduled.rebalance.max.delay.ms", "0"));
        props.putAll(workerOverrides);
        props = WorkerDefaults.distributedWorkerProperties(name, kafka.bootstrapServers(), props);
        props.put("listeners", "http://127.0.0.1:" + restPort);
        try {
            Path dir = Files.createTempDirectory("sluice-connect-worker");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("worker.properties");
            Properties properties = new Properties();
            properties.putAll(props);
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "Connect worker for " + name);
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the worker properties", e);
        }
    }

    private void awaitHealthy(Path logFile) {
        HttpRequest health = HttpRequest.newBuilder(connectUrl().resolve("/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + WORKER_START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new IllegalStateException("The Connect worker exited with " + worker.exitValue()
                        + " during start; see " + logFile.toAbsolutePath());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The REST server is not up yet; try again below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the worker", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the worker", e);
            }
        }
        worker.destroyForcibly();
        throw new IllegalStateException("The Connect worker was not healthy within " + WORKER_START_TIMEOUT
                + "; see " + logFile.toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
