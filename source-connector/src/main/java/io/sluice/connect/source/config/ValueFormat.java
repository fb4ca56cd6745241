package io.sluice.connect.source.config;

import io.sluice.connect.common.config.ConfigChoice;

/** {@code kafka.value.format}: what a Kafka record's value holds. */
public enum ValueFormat implements ConfigChoice {
    /** The record data as bytes (optional bytes schema). */
    BYTES,
    /** The record data decoded as UTF-8 (optional string schema). */
    STRING,
    /** The record data parsed as JSON, schemaless: an object becomes a {@code Map}, ready for the pump. */
    JSON
}
