package io.sluice.quickstart;

import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.StorageSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * The three services of the quickstart, in this JVM on loopback: the Sluice server (Kinesis limits on, as Amazon
 * Kinesis would be), a single-node KRaft Kafka broker (Kafka's embedded cluster from its test jars) and a
 * distributed Connect worker with its REST API, loading the Sluice plugin from {@code plugin.path} through its
 * service-loader manifests. {@link #close()} stops them in reverse order.
 */
final class LocalServices implements AutoCloseable {

    static final int PREFERRED_KINESIS_PORT = 4567;
    static final int PREFERRED_CONNECT_PORT = 8083;
    static final int PREFERRED_ADMIN_PORT = 9400;

    private final SluiceServer server;
    private final EmbeddedKafkaCluster kafka;
    private final Connect<DistributedHerder> worker;
    private final URI connectUrl;

    private LocalServices(SluiceServer server, EmbeddedKafkaCluster kafka, Connect<DistributedHerder> worker,
                          URI connectUrl) {
        this.server = server;
        this.kafka = kafka;
        this.worker = worker;
        this.connectUrl = connectUrl;
    }

    /**
     * Starts the three services. With {@code kafkaStorage} the broker comes first and the Sluice server keeps its
     * streams in it ({@code --storage kafka}): each stream is then a topic of the same broker.
     */
    static LocalServices start(Path dataDir, Path pluginPath, boolean freePorts, boolean kafkaStorage,
                               Progress progress) {
        EmbeddedKafkaCluster kafka = kafkaStorage ? startKafka(progress) : null;
        SluiceServer server;
        try {
            ServerConfig config = ServerConfig.defaults()
                    .withHost("127.0.0.1")
                    .withPort(port(freePorts, PREFERRED_KINESIS_PORT))
                    .withAdmin("127.0.0.1", port(freePorts, PREFERRED_ADMIN_PORT))
                    .withDataDir(dataDir);
            if (kafka != null) {
                config = config.withStorage(new StorageSettings(StorageSettings.Kind.KAFKA, kafka.bootstrapServers(),
                        1, StorageSettings.LOCAL.kafkaTopicPrefix(), Map.of()));
            }
            server = SluiceServer.start(config);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.stop();
            }
            throw e;
        }
        progress.step("Sluice server listening on " + server.endpoint() + (kafka == null ? " (data in " + dataDir + ")"
                : " (streams kept in Kafka as topics " + StorageSettings.LOCAL.kafkaTopicPrefix() + "<stream>)")
                + "; web console at " + server.adminEndpoint().orElseThrow() + "/console/");
        try {
            if (kafka == null) {
                kafka = startKafka(progress);
            }
            int connectPort = port(freePorts, PREFERRED_CONNECT_PORT);
            Connect<DistributedHerder> worker = new ConnectDistributed().startConnect(
                    workerProperties(kafka.bootstrapServers(), connectPort, pluginPath));
            URI connectUrl = URI.create("http://127.0.0.1:" + connectPort);
            progress.step("Connect worker (distributed) REST API at " + connectUrl + ", plugin.path "
                    + pluginPath.toAbsolutePath().normalize());
            return new LocalServices(server, kafka, worker, connectUrl);
        } catch (RuntimeException e) {
            server.close();
            if (kafka != null) {
                kafka.stop();
            }
            throw e;
        }
    }

    private static EmbeddedKafkaCluster startKafka(Progress progress) {
        Properties broker = new Properties();
        broker.put("offsets.topic.replication.factor", "1");
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
        startQuietly(kafka);
        progress.step("Kafka broker (KRaft, single node) at " + kafka.bootstrapServers());
        return kafka;
    }

    URI kinesisEndpoint() {
        return server.endpoint();
    }

    /** The web console on the server's admin listener. */
    URI console() {
        return URI.create(server.adminEndpoint().orElseThrow() + "/console/");
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    URI connectUrl() {
        return connectUrl;
    }

    @Override
    public void close() {
        try {
            worker.stop();
            worker.awaitStop();
        } finally {
            try {
                server.close(); // before the broker: with Kafka storage it holds the streams
            } finally {
                kafka.stop();
            }
        }
    }

    /** Starts the broker without the format tool's lines that Kafka's test kit prints on stdout. */
    private static void startQuietly(EmbeddedKafkaCluster kafka) {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            kafka.start();
        } finally {
            System.setOut(stdout);
        }
    }

    private static Map<String, String> workerProperties(String bootstrapServers, int port, Path pluginPath) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "sluice-quickstart");
        props.put("config.storage.topic", "quickstart-connect-configs");
        props.put("offset.storage.topic", "quickstart-connect-offsets");
        props.put("status.storage.topic", "quickstart-connect-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("plugin.path", pluginPath.toAbsolutePath().normalize().toString());
        // The packaged plugin declares its classes in service-loader manifests (KIP-898): no class scanning.
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.flush.interval.ms", "1000");
        return props;
    }

    /** {@code preferred} if it is free (or any free port when asked for one), else any free loopback port. */
    private static int port(boolean anyPort, int preferred) {
        if (!anyPort) {
            try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // fall through to a free port
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
