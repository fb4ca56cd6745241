package io.sluice.core.api;

/** Kinesis {@code ShardIteratorType}. */
public enum ShardIteratorType {
    AT_SEQUENCE_NUMBER,
    AFTER_SEQUENCE_NUMBER,
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP
}
