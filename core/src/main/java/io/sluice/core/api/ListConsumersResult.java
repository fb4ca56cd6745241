package io.sluice.core.api;

import java.util.List;

/** ListStreamConsumers: one page and the token for the next (null at the end). */
public record ListConsumersResult(List<ConsumerDescription> consumers, String nextToken) {
}
