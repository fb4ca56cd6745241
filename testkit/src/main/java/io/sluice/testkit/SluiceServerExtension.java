package io.sluice.testkit;

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
 * Starts a real Sluice server in this JVM before the first test of a class — loopback, a free port, a fresh data
 * directory — and stops it and deletes the directory after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();
 * ... SLUICE.endpoint() ...
 * }</pre>
 *
 * Register it next to {@link KafkaConnectExtension} when a test needs both. With {@link Builder#tls()} the port
 * speaks TLS with a self-signed certificate made for the run ({@link #certificate()}), and the endpoint is
 * {@code https://}.
 */
public final class SluiceServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<ServerConfig> settings;
    private final Clock clock;
    private final boolean tls;
    private Path dataDir;
    private Path certificateDir;
    private TestCertificate certificate;
    private SluiceServer server;

    private SluiceServerExtension(UnaryOperator<ServerConfig> settings, Clock clock, boolean tls) {
        this.settings = settings;
        this.clock = clock;
        this.tls = tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        dataDir = Files.createTempDirectory("sluice-test-");
        ServerConfig config = settings.apply(ServerConfig.defaults()
                .withHost("127.0.0.1")
                .withPort(0)
                .withDataDir(dataDir));
        if (tls) {
            certificateDir = Files.createTempDirectory("sluice-tls-");
            certificate = TestCertificate.create(certificateDir);
            config = config.withTls(certificate.certificate(), certificate.privateKey());
        }
        server = SluiceServer.start(config, clock);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            delete(dataDir);
            delete(certificateDir);
        }
    }

    /** The endpoint Kinesis clients use, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return running().endpoint();
    }

    public SluiceServer server() {
        return running();
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
                    + "field with @RegisterExtension and use it from test methods");
        }
        return server;
    }

    private static void delete(Path directory) {
        if (directory == null) {
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
        private UnaryOperator<ServerConfig> settings = config -> config.withFsync(FsyncPolicy.always());
        private Clock clock = Clock.systemUTC();
        private boolean tls;

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

        /** The clock the server's stream engine reads, e.g. a {@link io.sluice.core.testing.TestClock} to expire iterators. */
        public Builder clock(Clock engineClock) {
            clock = engineClock;
            return this;
        }

        /** TLS on the server's port, with a self-signed certificate for 127.0.0.1 made by {@code openssl}. */
        public Builder tls() {
            tls = true;
            return this;
        }

        public SluiceServerExtension build() {
            return new SluiceServerExtension(settings, clock, tls);
        }
    }
}
