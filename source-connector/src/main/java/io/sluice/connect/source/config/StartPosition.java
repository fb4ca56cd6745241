package io.sluice.connect.source.config;

import io.sluice.connect.common.config.ConfigChoice;

/** {@code kinesis.position}: where a shard without a committed offset is first read. */
public enum StartPosition implements ConfigChoice {
    /** The oldest record still retained. */
    TRIM_HORIZON,
    /** Only records written after the reader started. */
    LATEST,
    /** The first record at or after {@code kinesis.shard.timestamp}. */
    AT_TIMESTAMP;

    /** Spelled as Kinesis spells the shard iterator type. */
    @Override
    public String configValue() {
        return name();
    }
}
