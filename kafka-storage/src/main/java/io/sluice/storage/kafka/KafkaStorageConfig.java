package io.sluice.storage.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to reach the Kafka cluster and name what Sluice keeps there.
 *
 * @param bootstrapServers  {@code host:port,...}
 * @param replicationFactor replicas of every topic Sluice creates (3 in production; 1 for a one-broker cluster)
 * @param topicPrefix       put before every stream name to make its topic name; the catalog topic is
 *                          {@code <prefix>__sluice_catalog}
 * @param clientProperties  passed to every Kafka client as they are: security ({@code security.protocol},
 *                          {@code ssl.*}, {@code sasl.*}) and tuning
 * @param timeout           how long a write or a metadata change waits for the cluster before failing (503)
 */
public record KafkaStorageConfig(String bootstrapServers, short replicationFactor, String topicPrefix,
                                 Map<String, String> clientProperties, Duration timeout) {

    public static final String CATALOG_TOPIC_SUFFIX = "__sluice_catalog";

    public KafkaStorageConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        clientProperties = new TreeMap<>(clientProperties == null ? Map.of() : clientProperties);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    public String catalogTopic() {
        return topicPrefix + CATALOG_TOPIC_SUFFIX;
    }
}
