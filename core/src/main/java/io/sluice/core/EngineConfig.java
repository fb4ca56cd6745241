package io.sluice.core;

import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.log.LogConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link StreamEngine}. Immutable; start from {@link #defaults(Path)} and adjust with the
 * {@code with*} methods.
 *
 * @param dataDir                  where streams, shard logs and keys live
 * @param region                   the region in ARNs, e.g. {@code us-east-1}
 * @param accountId                the 12-digit account id in ARNs and messages
 * @param clock                    the engine's only source of time (tests inject a controllable one)
 * @param limits                   per-shard throughput limits ({@link ThroughputLimits#OFF} lifts them)
 * @param log                      settings of every shard log
 * @param openShardLimit           open shards allowed across all streams (LimitExceededException beyond)
 * @param onDemandStreamLimit      ON_DEMAND streams allowed
 * @param createDelay              how long a new stream stays CREATING
 * @param updateDelay              how long a stream stays UPDATING after resharding or a retention/mode change
 * @param deleteDelay              how long a deleted stream stays DELETING
 * @param consumerDelay            how long a consumer stays CREATING / DELETING
 * @param onDemandInitialShards    shards of a new ON_DEMAND stream
 * @param onDemandMaxShards        the most open shards on-demand scaling grows one stream to
 * @param maintenanceInterval      period of the shared retention / on-demand scaling pass; zero disables the
 *                                 background pass (call {@link StreamEngine#runMaintenance()} instead)
 */
public record EngineConfig(Path dataDir, String region, String accountId, Clock clock, ThroughputLimits limits,
                           LogConfig log, int openShardLimit, int onDemandStreamLimit, Duration createDelay,
                           Duration updateDelay, Duration deleteDelay, Duration consumerDelay,
                           int onDemandInitialShards, int onDemandMaxShards, Duration maintenanceInterval) {

    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(log, "log");
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
        }
        if (!region.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("region must match [a-z0-9-]{1,32}, got " + region);
        }
        if (openShardLimit < 1 || onDemandInitialShards < 1 || onDemandMaxShards < onDemandInitialShards) {
            throw new IllegalArgumentException("shard limits must be positive and onDemandMaxShards >= onDemandInitialShards");
        }
    }

    /** Kinesis-like defaults: us-east-1, account 000000000000, limits on, no transition delays. */
    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, "us-east-1", "000000000000", Clock.systemUTC(), ThroughputLimits.KINESIS,
                LogConfig.defaults(), 10_000, 50, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                4, 200, Duration.ofMinutes(1));
    }

    public EngineConfig withRegion(String r) {
        return toBuilder().region(r).build();
    }

    public EngineConfig withAccountId(String a) {
        return toBuilder().accountId(a).build();
    }

    public EngineConfig withClock(Clock c) {
        return toBuilder().clock(c).build();
    }

    public EngineConfig withLimits(ThroughputLimits l) {
        return toBuilder().limits(l).build();
    }

    public EngineConfig withLog(LogConfig l) {
        return toBuilder().log(l).build();
    }

    public EngineConfig withOpenShardLimit(int n) {
        return toBuilder().openShardLimit(n).build();
    }

    public EngineConfig withDelays(Duration create, Duration update, Duration delete, Duration consumer) {
        return toBuilder().createDelay(create).updateDelay(update).deleteDelay(delete).consumerDelay(consumer).build();
    }

    public EngineConfig withOnDemandShards(int initial, int max) {
        return toBuilder().onDemandInitialShards(initial).onDemandMaxShards(max).build();
    }

    public EngineConfig withMaintenanceInterval(Duration d) {
        return toBuilder().maintenanceInterval(d).build();
    }

    /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
    public String streamArn(String streamName) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }

    /** A builder holding this config's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets values one by one; {@link #build()} checks them as the constructor does. Not thread-safe. */
    public static final class Builder {
        private Path dataDir;
        private String region;
        private String accountId;
        private Clock clock;
        private ThroughputLimits limits;
        private LogConfig log;
        private int openShardLimit;
        private int onDemandStreamLimit;
        private Duration createDelay;
        private Duration updateDelay;
        private Duration deleteDelay;
        private Duration consumerDelay;
        private int onDemandInitialShards;
        private int onDemandMaxShards;
        private Duration maintenanceInterval;

        private Builder(EngineConfig config) {
            dataDir = config.dataDir;
            region = config.region;
            accountId = config.accountId;
            clock = config.clock;
            limits = config.limits;
            log = config.log;
            openShardLimit = config.openShardLimit;
            onDemandStreamLimit = config.onDemandStreamLimit;
            createDelay = config.createDelay;
            updateDelay = config.updateDelay;
            deleteDelay = config.deleteDelay;
            consumerDelay = config.consumerDelay;
            onDemandInitialShards = config.onDemandInitialShards;
            onDemandMaxShards = config.onDemandMaxShards;
            maintenanceInterval = config.maintenanceInterval;
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

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder limits(ThroughputLimits value) {
            limits = value;
            return this;
        }

        public Builder log(LogConfig value) {
            log = value;
            return this;
        }

        public Builder openShardLimit(int value) {
            openShardLimit = value;
            return this;
        }

        public Builder onDemandStreamLimit(int value) {
            onDemandStreamLimit = value;
            return this;
        }

        public Builder createDelay(Duration value) {
            createDelay = value;
            return this;
        }

        public Builder updateDelay(Duration value) {
            updateDelay = value;
            return this;
        }

        public Builder deleteDelay(Duration value) {
            deleteDelay = value;
            return this;
        }

        public Builder consumerDelay(Duration value) {
            consumerDelay = value;
            return this;
        }

        public Builder onDemandInitialShards(int value) {
            onDemandInitialShards = value;
            return this;
        }

        public Builder onDemandMaxShards(int value) {
            onDemandMaxShards = value;
            return this;
        }

        public Builder maintenanceInterval(Duration value) {
            maintenanceInterval = value;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(dataDir, region, accountId, clock, limits, log, openShardLimit,
                    onDemandStreamLimit, createDelay, updateDelay, deleteDelay, consumerDelay, onDemandInitialShards,
                    onDemandMaxShards, maintenanceInterval);
        }
    }
}
