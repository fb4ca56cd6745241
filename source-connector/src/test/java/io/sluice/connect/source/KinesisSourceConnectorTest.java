package io.sluice.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

class KinesisSourceConnectorTest {

    @Test
    void isFoundByTheServiceLoaderAndReportsTheProjectVersion() {
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(p -> p.type().getName()))
                .contains(KinesisSourceConnector.class.getName());
        String projectVersion = System.getProperty("sluice.version");
        assertThat(projectVersion).as("sluice.version, set by the parent POM's surefire configuration").isNotBlank();
        assertThat(new KinesisSourceConnector().version()).isEqualTo(projectVersion);
        assertThat(new KinesisSourceTask().version()).isEqualTo(projectVersion);
    }

    @Test
    void supportsExactlyOnceAndChecksAlteredOffsets() {
        KinesisSourceConnector connector = new KinesisSourceConnector();
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        Map<String, ?> partition = Map.of("stream", "orders", "shard", "shardId-000000000000");
        assertThat(connector.alterOffsets(Map.of(), Map.of(partition, Map.of("sequence.number", "123")))).isTrue();
        Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
        reset.put(partition, null);
        assertThat(connector.alterOffsets(Map.of(), reset)).as("a reset").isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(Map.of(), Map.of(partition, Map.of("sequence.number", ""))))
                .isInstanceOf(ConnectException.class)
                .hasMessageEndingWith("sequence.number must be a string of 1 to 128 digits (a Kinesis sequence "
                        + "number), got ''");
    }
}
