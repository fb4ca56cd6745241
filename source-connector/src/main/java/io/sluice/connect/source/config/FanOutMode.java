package io.sluice.connect.source.config;

import io.sluice.connect.common.config.ConfigChoice;

/**
 * {@code kinesis.fanout.mode}: how the tasks read a shard. Shared fan-out polls with GetRecords, sharing the shard's
 * 2 MiB/s and 5 reads/s with every other reader; enhanced fan-out registers a stream consumer and has records
 * pushed with SubscribeToShard, with 2 MiB/s of its own per shard and no polling delay.
 */
public enum FanOutMode implements ConfigChoice {
    SHARED,
    ENHANCED
}
