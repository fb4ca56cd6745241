package io.sluice.server;

import io.sluice.storage.kafka.KafkaStorageConfig;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the server keeps streams: its data directory ({@code local}) or a Kafka cluster shared with other Sluice
 * servers ({@code kafka}).
 *
 * @param kind                   local or kafka
 * @param kafkaBootstrap         the cluster's bootstrap servers ({@code kafka} only, required there)
 * @param kafkaReplicationFactor replicas of every topic Sluice creates
 * @param kafkaTopicPrefix       put before stream names to make topic names
 * @param kafkaClientProperties  {@code kafka.*} settings without the prefix, passed to every Kafka client
 */
public record StorageSettings(Kind kind, String kafkaBootstrap, int kafkaReplicationFactor, String kafkaTopicPrefix,
                              Map<String, String> kafkaClientProperties) {

    public static final StorageSettings LOCAL = new StorageSettings(Kind.LOCAL, null, 3, "kinesis-", Map.of());

    /** The storages there are. */
    public enum Kind {
        LOCAL, KAFKA;

        static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("storage '" + text + "' is not one of: local, kafka", e);
            }
        }
    }

    public StorageSettings {
        kafkaClientProperties = Map.copyOf(kafkaClientProperties);
        if (kafkaReplicationFactor < 1 || kafkaReplicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("kafka-replication-factor must be at least 1, got " + kafkaReplicationFactor);
        }
    }

    /** Applies {@code storage}, {@code kafka-*} or a {@code kafka.*} pass-through setting; null for any other name. */
    StorageSettings with(String name, String value) {
        if (name.startsWith("kafka.") && name.length() > "kafka.".length()) {
            Map<String, String> props = new TreeMap<>(kafkaClientProperties);
            props.put(name.substring("kafka.".length()), value.trim());
            return new StorageSettings(kind, kafkaBootstrap, kafkaReplicationFactor, kafkaTopicPrefix, props);
        }
        return switch (name) {
            case "storage" -> new StorageSettings(Kind.parse(value), kafkaBootstrap, kafkaReplicationFactor,
                    kafkaTopicPrefix, kafkaClientProperties);
            case "kafka-bootstrap" -> new StorageSettings(kind, value.trim(), kafkaReplicationFactor, kafkaTopicPrefix,
                    kafkaClientProperties);
            case "kafka-replication-factor" -> new StorageSettings(kind, kafkaBootstrap, Integer.parseInt(value.trim()),
                    kafkaTopicPrefix, kafkaClientProperties);
            case "kafka-topic-prefix" -> new StorageSettings(kind, kafkaBootstrap, kafkaReplicationFactor, value.trim(),
                    kafkaClientProperties);
            default -> null;
        };
    }

    /** Checks what spans settings: Kafka storage needs the cluster's address. */
    void validate() {
        if (kind == Kind.KAFKA && (kafkaBootstrap == null || kafkaBootstrap.isBlank())) {
            throw new IllegalArgumentException("storage kafka needs the cluster's address (--kafka-bootstrap HOST:PORT)");
        }
        if (kafkaTopicPrefix.length() > 100 || !kafkaTopicPrefix.matches("[a-zA-Z0-9._-]*")) {
            throw new IllegalArgumentException("kafka-topic-prefix '" + kafkaTopicPrefix + "' must be at most 100 of"
                    + " a-z, A-Z, 0-9, '.', '_', '-' (Kafka's topic name characters)");
        }
    }

    public KafkaStorageConfig kafkaConfig() {
        return new KafkaStorageConfig(kafkaBootstrap, (short) kafkaReplicationFactor, kafkaTopicPrefix,
                kafkaClientProperties, null);
    }
}
