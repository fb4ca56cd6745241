package io.sluice.server;

import io.sluice.core.log.FsyncPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything {@code sluice-server} can be told, from flags or a properties file with the same names
 * ({@code port=4567}, {@code data-dir=...}). Immutable; {@link #defaults()} is a loopback server for local use.
 *
 * @param host            address to bind; loopback by default
 * @param port            0 picks a free port
 * @param dataDir         streams, shard logs and keys
 * @param region          region in ARNs
 * @param accountId       12-digit account in ARNs
 * @param shardLimit      open shards allowed across all streams (the account shard limit); more is LimitExceeded
 * @param limitsOn        Kinesis's per-shard throughput limits ({@code --limits kinesis}) or none ({@code off})
 * @param fsync           {@code always}: acknowledged = on disk; {@code interval}: synced every N ms
 * @param auth            {@code open} (any well-formed SigV4) or {@code sigv4} (verified against authConfig)
 * @param authConfig      users, keys and policies for {@code sigv4}
 * @param tlsCert         PEM certificate chain; with {@code tlsKey} the port speaks TLS (h2 via ALPN, HTTP/1.1)
 * @param tlsKey          PEM PKCS#8 private key
 * @param maxRequestBytes larger request bodies are answered 413
 * @param maxInflightBytes memory of requests in flight (bodies twice, replies until written); more are answered 503
 * @param workerThreads   requests served at once
 * @param maxQueued       requests waiting beyond those (each holds its body in memory); more are answered 503
 * @param maxConnections  connections open at once; more are closed as soon as they are accepted
 * @param requestTimeoutMs a request must arrive whole, and its reply be taken, within this time, or its connection
 *                        (HTTP/2: its stream) closes
 * @param streams         streams created at start when missing ({@link DeclaredStreams})
 * @param faults          faults to inject per action, a {@link io.sluice.server.faults.FaultPlan} spec; empty: none
 * @param faultsSeed      makes injected faults repeatable; {@code null}: a random seed
 * @param subscriptionLifetimeMs how long a SubscribeToShard stream lasts before it ends cleanly (5 min on Kinesis)
 * @param adminHost       address of the admin listener (/metrics, /health)
 * @param adminPort       port of the admin listener; {@code null}: no admin listener, {@code 0}: a free port
 * @param storage         where streams are kept: the data directory, or a Kafka cluster shared with other servers
 */
public record ServerConfig(String host, int port, Path dataDir, String region, String accountId, int shardLimit,
                           boolean limitsOn,
                           FsyncPolicy fsync, AuthMode auth, Path authConfig, Path tlsCert, Path tlsKey,
                           int maxRequestBytes, long maxInflightBytes, int workerThreads, int maxQueued,
                           int maxConnections, long requestTimeoutMs, DeclaredStreams streams, String faults,
                                   Long faultsSeed,
                           long subscriptionLifetimeMs, String adminHost, Integer adminPort,
                           StorageSettings storage) {

    /** How requests are authenticated. */
    public enum AuthMode {
        OPEN, SIGV4;

        static AuthMode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("auth '" + text + "' is not one of: open, sigv4", e);
            }
        }
    }

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(faults, "faults");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max-connections must be at least 1, got " + maxConnections);
        }
        if (requestTimeoutMs < 1) {
            throw new IllegalArgumentException("request-timeout-ms must be at least 1, got " + requestTimeoutMs);
        }
        Objects.requireNonNull(adminHost, "adminHost");
        Objects.requireNonNull(storage, "storage");
        if (adminPort != null && (adminPort < 0 || adminPort > 65535)) {
            throw new IllegalArgumentException("admin-port must be in 0..65535, got " + adminPort);
        }
        if (subscriptionLifetimeMs < 1) {
            throw new IllegalArgumentException("subscription-lifetime-ms must be at least 1, got "
                    + subscriptionLifetimeMs);
        }
        if (shardLimit < 1) {
            throw new IllegalArgumentException("shard-limit must be at least 1, got " + shardLimit);
        }
    }

    /** Checks the rules that span settings, once all are applied; returns this. */
    public ServerConfig validated() {
        if (auth == AuthMode.SIGV4 && authConfig == null) {
            throw new IllegalArgumentException("auth sigv4 needs an auth config file (--auth-config FILE)");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key");
        }
        storage.validate();
        if (maxInflightBytes < maxRequestBytes) {
            throw new IllegalArgumentException("max-inflight-bytes (" + maxInflightBytes
                    + ") must be at least max-request-bytes (" + maxRequestBytes + ")");
        }
        return this;
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 4567, Path.of("data"), "us-east-1", "000000000000", 10_000, true,
                FsyncPolicy.always(), AuthMode.OPEN, null, null, null, 10 * 1024 * 1024, 256L * 1024 * 1024,
                Math.max(8, Runtime.getRuntime().availableProcessors() * 4), 256, 1000, 60_000, DeclaredStreams.NONE,
                "", null, 300_000, "127.0.0.1", null, StorageSettings.LOCAL);
    }

    public ServerConfig withHost(String h) {
        return toBuilder().host(h).build();
    }

    public ServerConfig withPort(int p) {
        return toBuilder().port(p).build();
    }

    public ServerConfig withDataDir(Path d) {
        return toBuilder().dataDir(d).build();
    }

    public ServerConfig withRegion(String r) {
        return toBuilder().region(r).build();
    }

    public ServerConfig withAccountId(String a) {
        return toBuilder().accountId(a).build();
    }

    public ServerConfig withShardLimit(int limit) {
        return toBuilder().shardLimit(limit).build();
    }

    public ServerConfig withLimits(boolean on) {
        return toBuilder().limitsOn(on).build();
    }

    public ServerConfig withFsync(FsyncPolicy f) {
        return toBuilder().fsync(f).build();
    }

    public ServerConfig withAuth(AuthMode mode, Path config) {
        return toBuilder().auth(mode).authConfig(config).build();
    }

    public ServerConfig withTls(Path cert, Path key) {
        return toBuilder().tlsCert(cert).tlsKey(key).build();
    }

    public ServerConfig withMaxRequestBytes(int bytes) {
        return toBuilder().maxRequestBytes(bytes).build();
    }

    public ServerConfig withMaxInflightBytes(long bytes) {
        return toBuilder().maxInflightBytes(bytes).build();
    }

    public ServerConfig withWorkers(int threads, int queued) {
        return toBuilder().workerThreads(threads).maxQueued(queued).build();
    }

    public ServerConfig withConnections(int max, long requestTimeout) {
        return toBuilder().maxConnections(max).requestTimeoutMs(requestTimeout).build();
    }

    public ServerConfig withStreams(DeclaredStreams declared) {
        return toBuilder().streams(declared).build();
    }

    public ServerConfig withFaults(String spec, Long seed) {
        return toBuilder().faults(spec).faultsSeed(seed).build();
    }

    public ServerConfig withSubscriptionLifetime(long ms) {
        return toBuilder().subscriptionLifetimeMs(ms).build();
    }

    public ServerConfig withAdmin(String host, Integer port) {
        return toBuilder().adminHost(host).adminPort(port).build();
    }

    public ServerConfig withStorage(StorageSettings s) {
        return toBuilder().storage(s).build();
    }

    /** Applies one setting by its flag / properties name; unknown names and bad values are errors naming both. */
    public ServerConfig with(String name, String value) {
        try {
            StorageSettings storageSetting = storage.with(name, value);
            if (storageSetting != null) {
                return withStorage(storageSetting);
            }
            return switch (name) {
                case "host" -> withHost(value);
                case "port" -> withPort(Integer.parseInt(value));
                case "data-dir" -> withDataDir(Path.of(value));
                case "region" -> withRegion(value);
                case "account-id" -> withAccountId(value);
                case "shard-limit" -> withShardLimit(Integer.parseInt(value));
                case "limits" -> withLimits(parseLimits(value));
                case "fsync" -> withFsync(FsyncPolicy.parse(value));
                case "auth" -> withAuth(AuthMode.parse(value), authConfig);
                case "auth-config" -> withAuth(auth, Path.of(value));
                case "tls-cert" -> withTls(Path.of(value), tlsKey);
                case "tls-key" -> withTls(tlsCert, Path.of(value));
                case "max-request-bytes" -> withMaxRequestBytes(Integer.parseInt(value));
                case "max-inflight-bytes" -> withMaxInflightBytes(Long.parseLong(value));
                case "worker-threads" -> withWorkers(Integer.parseInt(value), maxQueued);
                case "max-connections" -> withConnections(Integer.parseInt(value), requestTimeoutMs);
                case "request-timeout-ms" -> withConnections(maxConnections, Long.parseLong(value));
                case "streams" -> withStreams(DeclaredStreams.parse(value));
                case "faults" -> withFaults(value.trim(), faultsSeed);
                case "faults-seed" -> withFaults(faults, Long.parseLong(value.trim()));
                case "subscription-lifetime-ms" -> withSubscriptionLifetime(Long.parseLong(value.trim()));
                case "admin-host" -> withAdmin(value.trim(), adminPort);
                case "admin-port" -> withAdmin(adminHost, value.isBlank() ? null : Integer.parseInt(value.trim()));
                default -> throw new IllegalArgumentException("unknown setting '" + name + "'");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number", e);
        }
    }

    private static boolean parseLimits(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "kinesis", "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("limits '" + value + "' is not one of: kinesis, off");
        };
    }

    /** A builder holding this config's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets values one by one; {@link #build()} checks them as the constructor does. Not thread-safe. */
    public static final class Builder {
        private String host;
        private int port;
        private Path dataDir;
        private String region;
        private String accountId;
        private int shardLimit;
        private boolean limitsOn;
        private FsyncPolicy fsync;
        private AuthMode auth;
        private Path authConfig;
        private Path tlsCert;
        private Path tlsKey;
        private int maxRequestBytes;
        private long maxInflightBytes;
        private int workerThreads;
        private int maxQueued;
        private int maxConnections;
        private long requestTimeoutMs;
        private DeclaredStreams streams;
        private String faults;
        private Long faultsSeed;
        private long subscriptionLifetimeMs;
        private String adminHost;
        private Integer adminPort;
        private StorageSettings storage;

        private Builder(ServerConfig config) {
            host = config.host;
            port = config.port;
            dataDir = config.dataDir;
            region = config.region;
            accountId = config.accountId;
            shardLimit = config.shardLimit;
            limitsOn = config.limitsOn;
            fsync = config.fsync;
            auth = config.auth;
            authConfig = config.authConfig;
            tlsCert = config.tlsCert;
            tlsKey = config.tlsKey;
            maxRequestBytes = config.maxRequestBytes;
            maxInflightBytes = config.maxInflightBytes;
            workerThreads = config.workerThreads;
            maxQueued = config.maxQueued;
            maxConnections = config.maxConnections;
            requestTimeoutMs = config.requestTimeoutMs;
            streams = config.streams;
            faults = config.faults;
            faultsSeed = config.faultsSeed;
            subscriptionLifetimeMs = config.subscriptionLifetimeMs;
            adminHost = config.adminHost;
            adminPort = config.adminPort;
            storage = config.storage;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder accountId(String value) {
            accountId = value;
            return this;
        }

        public Builder shardLimit(int value) {
            shardLimit = value;
            return this;
        }

        public Builder limitsOn(boolean value) {
            limitsOn = value;
            return this;
        }

        public Builder fsync(FsyncPolicy value) {
            fsync = value;
            return this;
        }

        public Builder auth(AuthMode value) {
            auth = value;
            return this;
        }

        public Builder authConfig(Path value) {
            authConfig = value;
            return this;
        }

        public Builder tlsCert(Path value) {
            tlsCert = value;
            return this;
        }

        public Builder tlsKey(Path value) {
            tlsKey = value;
            return this;
        }

        public Builder maxRequestBytes(int value) {
            maxRequestBytes = value;
            return this;
        }

        public Builder maxInflightBytes(long value) {
            maxInflightBytes = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Builder maxQueued(int value) {
            maxQueued = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder requestTimeoutMs(long value) {
            requestTimeoutMs = value;
            return this;
        }

        public Builder streams(DeclaredStreams value) {
            streams = value;
            return this;
        }

        public Builder faults(String value) {
            faults = value;
            return this;
        }

        public Builder faultsSeed(Long value) {
            faultsSeed = value;
            return this;
        }

        public Builder subscriptionLifetimeMs(long value) {
            subscriptionLifetimeMs = value;
            return this;
        }

        public Builder adminHost(String value) {
            adminHost = value;
            return this;
        }

        public Builder adminPort(Integer value) {
            adminPort = value;
            return this;
        }

        public Builder storage(StorageSettings value) {
            storage = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth,
                    authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued,
                    maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost,
                    adminPort, storage);
        }
    }
}
