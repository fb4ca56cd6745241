package io.sluice.server;

import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.server.actions.KinesisActions;
import io.sluice.server.admin.AdminExtension;
import io.sluice.server.admin.AdminResponse;
import io.sluice.server.admin.AdminRoutes;
import io.sluice.server.admin.ApiAccess;
import io.sluice.server.admin.Health;
import io.sluice.server.metrics.ServerMetrics;
import io.sluice.server.netty.AdminListener;
import io.sluice.server.auth.AccessControl;
import io.sluice.server.auth.Authenticator;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.PolicyAccessControl;
import io.sluice.server.auth.StoredResourcePolicies;
import io.sluice.server.auth.OpenAuthenticator;
import io.sluice.server.auth.SigV4Authenticator;
import io.sluice.server.auth.UserDirectory;
import io.sluice.server.netty.NettyServer;
import io.sluice.server.netty.TlsContexts;
import io.sluice.server.faults.FaultInjection;
import io.sluice.server.faults.FaultPlan;
import io.sluice.server.protocol.ActionRegistry;
import io.sluice.server.protocol.RequestProcessor;
import io.sluice.storage.kafka.KafkaStorage;
import io.sluice.storage.kafka.KafkaStorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Sluice server: the stream engine on its data directory behind the Kinesis protocol on one port.
 * {@link #close()} stops accepting, lets in-flight requests finish, then syncs and closes the engine.
 */
public final class SluiceServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SluiceServer.class);

    private final ServerConfig config;
    private final StreamEngine engine;
    private final NettyServer netty;
    private final AdminListener admin;

    private final List<String> adminPaths;
    private final List<AutoCloseable> extensions;

    private SluiceServer(ServerConfig config, StreamEngine engine, NettyServer netty, AdminListener admin,
                         List<String> adminPaths, List<AutoCloseable> extensions) {
        this.config = config;
        this.engine = engine;
        this.netty = netty;
        this.admin = admin;
        this.adminPaths = adminPaths;
        this.extensions = extensions;
    }

    public static SluiceServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts a server whose stream engine reads time from {@code clock} (iterator expiry, retention, throughput
     * budgets, arrival times): tests move it forward to reach states that take minutes or hours.
     */
    public static SluiceServer start(ServerConfig config, Clock clock) {
        config.validated();
        UserDirectory users = config.auth() == ServerConfig.AuthMode.SIGV4 ? UserDirectory.load(config.authConfig()) : null;
        StreamEngine engine = openEngine(config, clock);
        try {
            config.streams().ensure(engine);
            ActionRegistry actions = KinesisActions.registry(engine,
                    Duration.ofMillis(config.subscriptionLifetimeMs()));
            FaultPlan faults = FaultPlan.parse(config.faults(), actions.names());
            if (!faults.isEmpty()) {
                log.warn("Injecting faults: {}", config.faults());
                actions = FaultInjection.apply(actions, faults, config.faultsSeed());
            }
            // The metrics count every request, so they exist before the port that serves them; the in-flight gauge
            // reads the port once it is open.
            AtomicReference<NettyServer> port = new AtomicReference<>();
            ServerMetrics metrics = new ServerMetrics(engine, () -> port.get() == null ? 0 : port.get().inflightBytes());
            Authenticator signatures = users == null ? null : sigV4(users, config.region());
            AccessControl accessControl = users == null ? AccessControl.ALLOW_ALL
                    : new PolicyAccessControl(users, new Authorizer(config.accountId()), new StoredResourcePolicies(engine));
            RequestProcessor processor = new RequestProcessor(actions,
                    signatures == null ? new OpenAuthenticator() : signatures, accessControl, metrics);
            NettyServer netty = new NettyServer(new NettyServer.Settings(config.host(), config.port(),
                    config.maxRequestBytes(), config.maxInflightBytes(), config.workerThreads(), config.maxQueued(),
                    config.maxConnections(), config.requestTimeoutMs(),
                    config.tlsCert() == null ? null : TlsContexts.forServer(config.tlsCert(), config.tlsKey())),
                    processor);
            port.set(netty);
            AdminListener admin = null;
            List<AutoCloseable> extensions = new ArrayList<>();
            List<String> adminPaths = List.of();
            if (config.adminPort() != null) {
                Health health = new Health(engine, netty::isServing);
                AdminRoutes routes = new AdminRoutes()
                        .route("/metrics", () -> new AdminResponse(200, ServerMetrics.contentType(), metrics.scrape()))
                        .route("/health/live", health::live)
                        .route("/health/ready", health::ready);
                ApiAccess api = new ApiAccess(processor, signatures, accessControl, actions, config.region());
                try {
                    for (AdminExtension extension : ServiceLoader.load(AdminExtension.class)) {
                        extensions.add(extension.install(routes, engine, api));
                    }
                    admin = new AdminListener(config.adminHost(), config.adminPort(), routes, config.requestTimeoutMs());
                    adminPaths = routes.paths();
                } catch (InterruptedException | RuntimeException e) {
                    closeAll(extensions);
                    netty.close();
                    throw e;
                }
            }
            if (config.auth() == ServerConfig.AuthMode.OPEN) {
                log.warn("Authentication is open: any well-formed SigV4 request is accepted. "
                        + "Use --auth sigv4 --auth-config FILE to check signatures and policies.");
            }
            return new SluiceServer(config, engine, netty, admin, adminPaths, extensions);
        } catch (InterruptedException e) {
            engine.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static void closeAll(List<AutoCloseable> extensions) {
        for (AutoCloseable extension : extensions) {
            try {
                extension.close();
            } catch (Exception e) {
                log.warn("An admin extension did not close cleanly", e);
            }
        }
    }

    private static StreamEngine openEngine(ServerConfig config, Clock clock) {
        EngineConfig engineConfig = engineConfig(config, clock);
        if (config.storage().kind() == StorageSettings.Kind.KAFKA) {
            KafkaStorageConfig kafka = config.storage().kafkaConfig();
            try {
                log.info("Streams are kept in Kafka at {} (topics {}*, metadata in {})", kafka.bootstrapServers(),
                        kafka.topicPrefix(), kafka.catalogTopic());
                return StreamEngine.open(engineConfig, KafkaStorage.open(kafka));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the Kafka storage at " + kafka.bootstrapServers() + ": "
                        + e.getMessage(), e);
            }
        }
        try {
            return StreamEngine.open(engineConfig);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the data directory " + config.dataDir(), e);
        }
    }

    private static EngineConfig engineConfig(ServerConfig config, Clock clock) {
        EngineConfig defaults = EngineConfig.defaults(config.dataDir());
        return defaults
                .withRegion(config.region())
                .withAccountId(config.accountId())
                .withOpenShardLimit(config.shardLimit())
                .withClock(clock)
                .withLimits(config.limitsOn() ? ThroughputLimits.KINESIS : ThroughputLimits.OFF)
                .withLog(defaults.log().withFsync(config.fsync()));
    }

    private static Authenticator sigV4(UserDirectory users, String region) {
        return new SigV4Authenticator(key -> {
            UserDirectory.User user = users.byAccessKey(key);
            return user == null ? null : user.credentials();
        }, region, Clock.systemUTC());
    }

    public InetSocketAddress address() {
        return netty.address();
    }

    /** The endpoint clients use, e.g. {@code http://127.0.0.1:4567}. */
    public URI endpoint() {
        InetSocketAddress address = address();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create((config.tlsCert() == null ? "http" : "https") + "://" + host + ":" + address.getPort());
    }

    public StreamEngine engine() {
        return engine;
    }

    /** The admin listener's endpoint (metrics, health), when {@code --admin-port} is set. */
    public Optional<URI> adminEndpoint() {
        if (admin == null) {
            return Optional.empty();
        }
        InetSocketAddress address = admin.address();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return Optional.of(URI.create("http://" + host + ":" + address.getPort()));
    }

    /** What the admin listener serves ({@code /metrics}, ..., {@code /console} when the console is on the class path). */
    public List<String> adminPaths() {
        return adminPaths;
    }

    @Override
    public void close() {
        try {
            netty.close();
        } finally {
            try {
                if (admin != null) {
                    admin.close();
                }
                closeAll(extensions);
            } finally {
                engine.close();
            }
        }
    }
}
