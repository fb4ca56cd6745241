package io.sluice.connect.source.config;

import io.sluice.connect.common.config.ConfigChoice;

/** {@code kafka.partitioner}: how records are spread over a topic's partitions. */
public enum PartitionerMode implements ConfigChoice {
    /** The producer's partitioner hashes the key (the default; with the partition key, one key stays in order). */
    KEY,
    /** All records of one shard go to one partition, so the shard's order is kept as a whole. */
    SHARD
}
