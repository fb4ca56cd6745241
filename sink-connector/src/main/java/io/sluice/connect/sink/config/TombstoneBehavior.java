package io.sluice.connect.sink.config;

import io.sluice.connect.common.config.ConfigChoice;

/** What a record with a null value does ({@code kinesis.tombstone.behavior}). */
public enum TombstoneBehavior implements ConfigChoice {
    /** Skip it; its offset still counts as delivered. */
    SKIP,
    /** Treat it as an error record: to the dead-letter queue when one is configured, else the task fails. */
    FAIL
}
