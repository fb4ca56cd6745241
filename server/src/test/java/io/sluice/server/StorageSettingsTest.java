package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The storage settings as a user gives them, and the errors bad ones get. */
class StorageSettingsTest {

    @Test
    void kafkaStorageTakesItsSettingsAndPassesClientSettingsThrough() {
        ServerConfig config = ServerConfig.defaults()
                .with("storage", "kafka")
                .with("kafka-bootstrap", "kafka-1:9092,kafka-2:9092")
                .with("kafka-replication-factor", "3")
                .with("kafka-topic-prefix", "streams.")
                .with("kafka.security.protocol", "SSL")
                .validated();

        assertThat(config.storage().kind()).isEqualTo(StorageSettings.Kind.KAFKA);
        assertThat(config.storage().kafkaConfig().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.storage().kafkaConfig().catalogTopic()).isEqualTo("streams.__sluice_catalog");
        assertThat(config.storage().kafkaConfig().clientProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void badStorageSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ServerConfig.defaults().with("storage", "s3"))
                .hasMessage("storage 's3' is not one of: local, kafka");
        assertThatThrownBy(() -> ServerConfig.defaults().with("storage", "kafka").validated())
                .hasMessage("storage kafka needs the cluster's address (--kafka-bootstrap HOST:PORT)");
        assertThatThrownBy(() -> ServerConfig.defaults().with("kafka-replication-factor", "0"))
                .hasMessage("kafka-replication-factor must be at least 1, got 0");
        assertThatThrownBy(() -> ServerConfig.defaults().with("kafka-replication-factor", "three"))
                .hasMessage("kafka-replication-factor 'three' is not a number");
        assertThatThrownBy(() -> ServerConfig.defaults().with("kafka-topic-prefix", "kinesis/").validated())
                .hasMessage("kafka-topic-prefix 'kinesis/' must be at most 100 of a-z, A-Z, 0-9, '.', '_', '-' "
                        + "(Kafka's topic name characters)");
    }
}
