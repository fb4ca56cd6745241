package io.sluice.connect.sink.config;

import io.sluice.connect.common.config.ConfigChoice;

/** How a record value becomes a stream record's data ({@code kinesis.record.data.format}). */
public enum DataFormat implements ConfigChoice {
    /** Bytes as they are, strings as UTF-8, everything else (structs, maps, lists, numbers, booleans) as JSON. */
    AUTO,
    /** Every value as JSON, strings quoted and bytes as base64 strings. */
    JSON
}
