package io.sluice.server.it;

import io.sluice.core.log.FsyncPolicy;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Starts a real Sluice server on a free loopback port with a fresh data directory, and removes both after. The
 * server's stream engine reads the given clock (the system clock unless a test moves time with a
 * {@link io.sluice.core.testing.TestClock}).
 */
final class ServerRule implements AutoCloseable {

    /** {@code -Dsluice.it.storage=kafka} runs the server on Kafka storage (a KRaft broker per rule) instead of local. */
    static final boolean ON_KAFKA = "kafka".equals(System.getProperty("sluice.it.storage", "local"));

    private final Path dataDir;
    private final Clock clock;
    private final KafkaCluster kafka;
    private SluiceServer server;

    ServerRule(UnaryOperator<ServerConfig> settings) {
        this(settings, Clock.systemUTC());
    }

    ServerRule(UnaryOperator<ServerConfig> settings, Clock clock) {
        this(newTempDirectory(), settings, clock);
    }

    /** A server on {@code dataDir} (e.g. on a small file system the test mounted); removed on close like any other. */
    ServerRule(Path dataDir, UnaryOperator<ServerConfig> settings) {
        this(dataDir, settings, Clock.systemUTC());
    }

    private ServerRule(Path dataDir, UnaryOperator<ServerConfig> settings, Clock clock) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.kafka = ON_KAFKA ? new KafkaCluster(1) : null;
        server = start(0, settings);
    }

    private static Path newTempDirectory() {
        try {
            return Files.createTempDirectory("sluice-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SluiceServer server() {
        return server;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops the server and starts a new one on the same data directory (and, if free, the same port). */
    void restart(UnaryOperator<ServerConfig> settings) {
        int port = server.address().getPort();
        server.close();
        server = start(port, settings);
    }

    private SluiceServer start(int port, UnaryOperator<ServerConfig> settings) {
        ServerConfig defaults = ServerConfig.defaults()
                .withPort(port)
                .withDataDir(dataDir)
                .withFsync(FsyncPolicy.always());
        if (kafka != null) {
            defaults = defaults.withStorage(KafkaStorageIT.kafkaStorage(kafka));
        }
        return SluiceServer.start(settings.apply(defaults), clock);
    }

    @Override
    public void close() {
        server.close();
        if (kafka != null) {
            kafka.close();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
