package io.sluice.connect.sink;

import io.sluice.connect.common.PluginVersion;
import io.sluice.connect.common.client.Reachability;
import io.sluice.connect.common.config.ConnectorValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka topics to Kinesis-style streams. Records keep their order per partition key, go out in PutRecords batches,
 * and their offsets are committed only once the stream acknowledged them. See {@link KinesisSinkConnectorConfig}
 * for the settings and {@link KinesisSinkTask} for delivery.
 *
 * <p>{@link #taskConfigs} gives every task the same configuration; Connect's consumer group spreads the topic
 * partitions over them:
 *
 * <pre>
 * tasks.max=2, topic orders with partitions 0..3
 *   task 0: config C  -&gt; partitions orders-0, orders-1 (assigned by the group)
 *   task 1: config C  -&gt; partitions orders-2, orders-3
 * </pre>
 *
 * <p>Connect calls a connector instance from one thread at a time; {@link #validate} keeps no state.
 */
public final class KinesisSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new KinesisSinkConnectorConfig(props); // fails the connector at once on a bad configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return KinesisSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return KinesisSinkConnectorConfig.CONFIG_DEF;
    }

    /**
     * Each key's own checks, the rules across keys, then (when all that passed) whether Kinesis answers for the
     * stream — for a template, whether it answers at all ({@link Reachability}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConnectorValidation.validate(super.validate(connectorConfigs), connectorConfigs,
                KinesisSinkConnectorConfig.crossKeyErrors(connectorConfigs), config -> {
                    KinesisSinkConnectorConfig sink = new KinesisSinkConnectorConfig(connectorConfigs);
                    List<String> streams = sink.stream().isTemplate() ? List.of() : List.of(sink.stream().toString());
                    Optional<String> fix = sink.autoCreate() ? Optional.empty() : Optional.of("set "
                            + KinesisSinkConnectorConfig.AUTO_CREATE_CONFIG + "=true to have the connector create it");
                    Reachability.check(sink.connection(), streams, KinesisSinkConnectorConfig.STREAM_CONFIG, fix,
                            config);
                });
    }
}
