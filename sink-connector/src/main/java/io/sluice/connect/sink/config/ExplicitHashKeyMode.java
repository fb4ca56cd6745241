package io.sluice.connect.sink.config;

import io.sluice.connect.common.config.ConfigChoice;

/** Whether records carry an explicit hash key ({@code kinesis.explicit.hash.key}). */
public enum ExplicitHashKeyMode implements ConfigChoice {
    /** No explicit hash key: the MD5 of the partition key picks the shard. */
    NONE,
    /** Kafka partition p of n goes to the midpoint of the p-th of n equal slices of the hash key space. */
    PARTITION
}
