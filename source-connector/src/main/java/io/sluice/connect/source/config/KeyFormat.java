package io.sluice.connect.source.config;

/** {@code kafka.key.format}: what a Kafka record's key holds. */
public enum KeyFormat implements ConfigChoice {
    /** The Kinesis partition key, as a string. */
    PARTITION_KEY("partition-key"),
    /** No key. */
    NONE("none"),
    /** A {@code Struct} of the record's metadata: stream, shard, sequence numbers, partition key, arrival time. */
    METADATA("metadata");

    private final String configValue;

    KeyFormat(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
