package io.sluice.connect.source;

import io.sluice.connect.common.PluginVersion;
import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.client.Reachability;
import io.sluice.connect.common.config.ConnectorValidation;
import io.sluice.connect.source.ShardLineage.Readable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kinesis streams (from a Sluice server or Amazon Kinesis) into Kafka topics.
 *
 * <p>The connector owns shard discovery: a {@link ShardMonitor} lists the streams' shards, decides which are
 * readable ({@link ShardLineage}: children only after their parents are drained and committed) and asks the worker
 * for new task configurations when that set changes. Tasks ({@link KinesisSourceTask}) read their assigned shards.
 * Offsets: {@link SourceOffsets}. Exactly-once delivery is supported with the worker's
 * {@code exactly.once.source.support=enabled}: offsets are committed in the same transaction as the records.
 *
 * <p>Called by the worker from one thread at a time, apart from the monitor's thread calling
 * {@code requestTaskReconfiguration}.
 */
public class KinesisSourceConnector extends SourceConnector {

    private static final Logger log = LoggerFactory.getLogger(KinesisSourceConnector.class);

    private Map<String, String> props;
    private ManagedKinesisClient client;
    private ShardMonitor monitor;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        KinesisSourceConnectorConfig config = new KinesisSourceConnectorConfig(props);
        this.props = Map.copyOf(props);
        client = KinesisClientFactory.create(config.connection());
        monitor = new ShardMonitor(config, client.client(), context().offsetStorageReader(),
                context()::requestTaskReconfiguration);
        monitor.start(props.getOrDefault("name", "unnamed"));
    }

    @Override
    public Class<? extends Task> taskClass() {
        return KinesisSourceTask.class;
    }

    /**
     * One task config per group of readable shards, at most {@code maxTasks} ({@link ShardAssignment}); none while
     * no shard is readable (the monitor asks again when one is).
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Readable readable = monitor.current();
        List<List<ShardRef>> groups = ShardAssignment.distribute(readable.shards(), maxTasks);
        log.info("Assigning {} readable shards to {} tasks (tasks.max {}): {}", readable.shards().size(),
                groups.size(), maxTasks, groups);
        return groups.stream()
                .map(group -> KinesisSourceTaskConfig.taskProps(props, group, readable.fromStart()))
                .toList();
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public ConfigDef config() {
        return KinesisSourceConnectorConfig.CONFIG_DEF;
    }

    /**
     * The per-key checks, then the rules across keys (each on the offending key), then — only when all that passed
     * — whether Kinesis answers for the streams with the credentials ({@link Reachability}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConnectorValidation.validate(super.validate(connectorConfigs), connectorConfigs,
                KinesisSourceConnectorConfig.crossKeyErrors(connectorConfigs), config -> {
                    KinesisSourceConnectorConfig source = new KinesisSourceConnectorConfig(connectorConfigs);
                    Reachability.check(source.connection(), source.streams(),
                            KinesisSourceConnectorConfig.STREAM_CONFIG,
                            Optional.of("correct " + KinesisSourceConnectorConfig.STREAM_CONFIG), config);
                });
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Every record carries its exact shard position as its offset, and a restart resumes strictly after the
        // last committed one, so records committed with their offsets in one transaction are never re-sent.
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Accepts offsets only for well-formed partitions ({@code stream}, {@code shard}) with a well-formed
     * sequence number (and optional sub-sequence number); a {@code null} offset resets the shard to
     * {@code kinesis.position}. Nothing else needs doing: tasks read the offsets when they start.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach(SourceOffsets::validate);
        return true;
    }
}
