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
                           int maxConnections, long requestTimeoutMs, DeclaredStreams streams, String faults, Long faultsSeed,
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
            throw new IllegalArgumentException("subscription-lifetime-ms must be at least 1, got " + subscriptionLifetimeMs);
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
                Math.max(8, Runtime.getRuntime().availableProcessors() * 4), 256, 1000, 60_000, DeclaredStreams.NONE, "", null, 300_000,
                "127.0.0.1", null, StorageSettings.LOCAL);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withDataDir(Path d) {
        return new ServerConfig(host, port, d, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withRegion(String r) {
        return new ServerConfig(host, port, dataDir, r, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withAccountId(String a) {
        return new ServerConfig(host, port, dataDir, region, a, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withShardLimit(int limit) {
        return new ServerConfig(host, port, dataDir, region, accountId, limit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withLimits(boolean on) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, on, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withFsync(FsyncPolicy f) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, f, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withAuth(AuthMode mode, Path config) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, mode, config, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withTls(Path cert, Path key) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, cert, key, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withMaxRequestBytes(int bytes) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, bytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withMaxInflightBytes(long bytes) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, bytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withWorkers(int threads, int queued) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, threads, queued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withConnections(int max, long requestTimeout) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, max, requestTimeout, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withStreams(DeclaredStreams declared) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, declared, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withFaults(String spec, Long seed) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, spec, seed, subscriptionLifetimeMs, adminHost, adminPort, storage);
    }

    public ServerConfig withSubscriptionLifetime(long ms) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, ms, adminHost, adminPort, storage);
    }

    public ServerConfig withAdmin(String host, Integer port) {
        return new ServerConfig(this.host, this.port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, host, port, storage);
    }

    public ServerConfig withStorage(StorageSettings s) {
        return new ServerConfig(host, port, dataDir, region, accountId, shardLimit, limitsOn, fsync, auth, authConfig, tlsCert, tlsKey, maxRequestBytes, maxInflightBytes, workerThreads, maxQueued, maxConnections, requestTimeoutMs, streams, faults, faultsSeed, subscriptionLifetimeMs, adminHost, adminPort, s);
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
}
