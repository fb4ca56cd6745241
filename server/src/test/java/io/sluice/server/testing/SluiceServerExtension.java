package io.sluice.server.testing;

import io.sluice.core.log.FsyncPolicy;
import io.sluice.core.testing.TestCertificate;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one way tests run a real Sluice server in their JVM — loopback, a free port, a fresh data directory, fsync on
 * every write as in production — removed with its directory when done. For a whole test class, register it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();
 * ... SLUICE.endpoint() ...
 * }</pre>
 *
 * For one test, {@code try (SluiceServerExtension server = SluiceServerExtension.builder().start()) { ... }}.
 * With {@link Builder#tls()} the port speaks TLS with a self-signed certificate made for the run
 * ({@link #certificate()}) and the endpoint is {@code https://}. With {@code -Dsluice.it.storage=kafka} the server
 * keeps its streams on Kafka (an in-JVM KRaft broker per server) instead of its data directory, so the same tests
 * check both storages.
 */
public final class SluiceServerExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Whether this run keeps streams on Kafka ({@code -Dsluice.it.storage=kafka}) rather than on local disk. */
    public static final boolean ON_KAFKA = "kafka".equals(System.getProperty("sluice.it.storage", "local"));

    private final UnaryOperator<ServerConfig> settings;
    private final Clock clock;
    private final boolean tls;
    private final Path givenDataDir;
    private Path dataDir;
    private Path certificateDir;
    private TestCertificate certificate;
    private KafkaCluster kafka;
    private SluiceServer server;

    private SluiceServerExtension(Builder builder) {
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.tls = builder.tls;
        this.givenDataDir = builder.dataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server; returns this. */
    public SluiceServerExtension start() {
        try {
            dataDir = givenDataDir != null ? givenDataDir : Files.createTempDirectory("sluice-test-");
            if (tls) {
                certificateDir = Files.createTempDirectory("sluice-tls-");
                certificate = TestCertificate.create(certificateDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the test certificate", e);
        }
        if (ON_KAFKA) {
            kafka = new KafkaCluster(1);
        }
        server = SluiceServer.start(settings.apply(defaults(0)), clock);
        return this;
    }

    /** Stops the server and starts it again on the same data directory (and, if still free, the same port). */
    public void restart(UnaryOperator<ServerConfig> newSettings) {
        int port = running().address().getPort();
        server.close();
        server = SluiceServer.start(newSettings.apply(defaults(port)), clock);
    }

    private ServerConfig defaults(int port) {
        ServerConfig config = ServerConfig.defaults()
                .withHost("127.0.0.1")
                .withPort(port)
                .withDataDir(dataDir)
                .withFsync(FsyncPolicy.always());
        if (certificate != null) {
            config = config.withTls(certificate.certificate(), certificate.privateKey());
        }
        if (kafka != null) {
            config = config.withStorage(kafka.serverStorage());
        }
        return config;
    }

    /** The endpoint Kinesis clients use, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return running().endpoint();
    }

    public SluiceServer server() {
        return running();
    }

    /** The server's data directory. */
    public Path dataDir() {
        running();
        return dataDir;
    }

    /** The server's self-signed certificate, for clients to trust; needs {@link Builder#tls()}. */
    public TestCertificate certificate() {
        running();
        if (certificate == null) {
            throw new IllegalStateException("The Sluice server speaks plain HTTP: build the extension with "
                    + "SluiceServerExtension.builder().tls() for a certificate");
        }
        return certificate;
    }

    private SluiceServer running() {
        if (server == null) {
            throw new IllegalStateException("The Sluice server is not running: register the extension on a static "
                    + "field with @RegisterExtension and use it from test methods, or call start()");
        }
        return server;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            server = null;
            kafka = null;
            delete(dataDir);
            delete(certificateDir);
        }
    }

    private static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    /** Server options; the defaults are Kinesis's limits and fsync on every write, as in production. */
    public static final class Builder {
        private UnaryOperator<ServerConfig> settings = config -> config;
        private Clock clock = Clock.systemUTC();
        private boolean tls;
        private Path dataDir;

        /** Lifts per-shard throughput limits, for tests that move many records quickly. */
        public Builder limitsOff() {
            return configure(config -> config.withLimits(false));
        }

        /** Any further server setting. */
        public Builder configure(UnaryOperator<ServerConfig> more) {
            UnaryOperator<ServerConfig> before = settings;
            settings = config -> more.apply(before.apply(config));
            return this;
        }

        /** The clock the server's stream engine reads, e.g. a {@link io.sluice.core.testing.TestClock}. */
        public Builder clock(Clock engineClock) {
            clock = engineClock;
            return this;
        }

        /** TLS on the server's port, with a self-signed certificate for 127.0.0.1 made by {@code openssl}. */
        public Builder tls() {
            tls = true;
            return this;
        }

        /** A data directory of the test's choosing (e.g. on a small file system it mounted); removed like any other. */
        public Builder dataDir(Path directory) {
            dataDir = directory;
            return this;
        }

        public SluiceServerExtension build() {
            return new SluiceServerExtension(this);
        }

        /** Builds and starts a server, for one test's try-with-resources. */
        public SluiceServerExtension start() {
            return build().start();
        }
    }
}
