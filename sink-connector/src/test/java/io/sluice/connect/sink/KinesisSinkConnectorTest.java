package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

class KinesisSinkConnectorTest {

    @Test
    void givesExactlyTasksMaxIdenticalTaskConfigs() {
        KinesisSinkConnector connector = new KinesisSinkConnector();
        Map<String, String> props = Map.of("kinesis.stream", "orders", "topics", "a");
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(3);
        assertThat(configs).hasSize(3).allSatisfy(c -> assertThat(c).isEqualTo(props));
        assertThat(connector.taskClass()).isEqualTo(KinesisSinkTask.class);
    }

    @Test
    void failsToStartOnABadConfiguration() {
        assertThatThrownBy(() -> new KinesisSinkConnector().start(Map.of("kinesis.stream", "a-${x}")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value a-${x} for configuration kinesis.stream: has the unknown placeholder ${x}; "
                        + "the only placeholder is ${topic}");
    }

    @Test
    void reportsTheProjectVersionAndIsFoundByTheServiceLoader() {
        assertThat(new KinesisSinkConnector().version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(new KinesisSinkTask().version()).isEqualTo(new KinesisSinkConnector().version());
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(p -> p.type().getName()))
                .contains(KinesisSinkConnector.class.getName());
    }
}
