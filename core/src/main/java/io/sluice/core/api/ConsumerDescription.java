package io.sluice.core.api;

import io.sluice.core.meta.ConsumerStatus;

/** Kinesis {@code Consumer} / {@code ConsumerDescription}. */
public record ConsumerDescription(String consumerName, String consumerArn, ConsumerStatus consumerStatus,
                                  long consumerCreationTimestampMs, String streamArn) {
}
