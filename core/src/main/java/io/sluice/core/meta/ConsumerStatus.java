package io.sluice.core.meta;

/** Kinesis {@code ConsumerStatus}. */
public enum ConsumerStatus {
    CREATING,
    DELETING,
    ACTIVE
}
