package io.sluice.core.api;

/** Kinesis {@code ScalingType} of UpdateShardCount. */
public enum ScalingType {
    UNIFORM_SCALING
}
