package io.sluice.connect.sink.config;

/** How a record value becomes a stream record's data ({@code kinesis.record.data.format}). */
public enum DataFormat {
    /** Bytes as they are, strings as UTF-8, everything else (structs, maps, lists, numbers, booleans) as JSON. */
    AUTO,
    /** Every value as JSON, strings quoted and bytes as base64 strings. */
    JSON
}
