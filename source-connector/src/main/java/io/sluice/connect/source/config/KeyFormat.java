package io.sluice.connect.source.config;

import io.sluice.connect.common.config.ConfigChoice;

/** {@code kafka.key.format}: what a Kafka record's key holds. */
public enum KeyFormat implements ConfigChoice {
    /** The Kinesis partition key, as a string. */
    PARTITION_KEY,
    /** No key. */
    NONE,
    /** A {@code Struct} of the record's metadata: stream, shard, sequence numbers, partition key, arrival time. */
    METADATA
}
