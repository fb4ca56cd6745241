package io.sluice.connect.sink.config;

import io.sluice.connect.common.config.ConfigChoice;

/** Where a stream record's partition key comes from ({@code kinesis.partition.key.source}). */
public enum PartitionKeySource implements ConfigChoice {
    /** The Kafka record key, as text. */
    KEY,
    /** A field of the value, by path ({@code kinesis.partition.key.field}). */
    FIELD,
    /** The Kafka partition number. */
    PARTITION,
    /** One constant ({@code kinesis.partition.key.constant}). */
    CONSTANT,
    /** A random UUID per record: even spread, no order. */
    RANDOM
}
