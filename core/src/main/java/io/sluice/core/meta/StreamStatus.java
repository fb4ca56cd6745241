package io.sluice.core.meta;

/** Kinesis {@code StreamStatus}. */
public enum StreamStatus {
    CREATING,
    DELETING,
    ACTIVE,
    UPDATING
}
