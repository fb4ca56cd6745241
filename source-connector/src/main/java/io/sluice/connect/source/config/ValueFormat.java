package io.sluice.connect.source.config;

/** {@code kafka.value.format}: what a Kafka record's value holds. */
public enum ValueFormat implements ConfigChoice {
    /** The record data as bytes (optional bytes schema). */
    BYTES("bytes"),
    /** The record data decoded as UTF-8 (optional string schema). */
    STRING("string"),
    /** The record data parsed as JSON, schemaless: an object becomes a {@code Map}, ready for the pump. */
    JSON("json");

    private final String configValue;

    ValueFormat(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
