package io.sluice.core.meta;

/** Kinesis {@code StreamModeDetails.StreamMode}. */
public enum StreamMode {
    PROVISIONED,
    ON_DEMAND
}
