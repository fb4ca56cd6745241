package io.sluice.connect.source;

import io.sluice.connect.common.PluginVersion;
import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.config.KinesisConnection;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.connect.source.ShardLineage.Readable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

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
    /** Validation must answer the REST call quickly, so its probe neither retries nor waits long. */
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);

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
     * — whether the streams can be reached with the credentials, its errors on {@code kinesis.stream} (or on the
     * endpoint key when the endpoint does not answer).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        for (ConfigValue value : config.configValues()) {
            // ConfigDef runs a key's validator on null after its value failed to parse ("Not a number of type
            // INT"), adding "Invalid value null ...: Value must be non-null" — noise about a value nobody wrote.
            if (value.errorMessages().size() > 1 && connectorConfigs.get(value.name()) != null) {
                value.errorMessages().removeIf(m -> m.startsWith("Invalid value null for configuration "));
            }
        }
        KinesisConnectionConfig.validate(connectorConfigs, config);
        Map<String, List<String>> crossField = KinesisSourceConnectorConfig.crossFieldErrors(connectorConfigs);
        for (ConfigValue value : config.configValues()) {
            if (value.errorMessages().isEmpty()) {
                crossField.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
            }
        }
        if (config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            checkReachable(new KinesisSourceConnectorConfig(connectorConfigs), config);
        }
        return config;
    }

    private static void checkReachable(KinesisSourceConnectorConfig sourceConfig, Config config) {
        KinesisConnection configured = sourceConfig.connection();
        KinesisConnection quick = new KinesisConnection(configured.region(), configured.endpointOverride(),
                configured.credentials(), configured.cborEnabled(),
                configured.apiCallTimeout().compareTo(VALIDATION_TIMEOUT) < 0
                        ? configured.apiCallTimeout() : VALIDATION_TIMEOUT, 0);
        String endpoint = configured.endpointOverride().map(Object::toString)
                .orElse("the AWS endpoint of " + configured.region());
        String endpointKey = configured.endpointOverride().isPresent()
                ? KinesisConnectionConfig.BASE_URL_CONFIG : KinesisConnectionConfig.REGION_CONFIG;
        try (ManagedKinesisClient client = KinesisClientFactory.create(quick)) {
            KinesisClient kinesis = client.client();
            if (sourceConfig.streamPattern().isPresent()) {
                kinesis.listStreams(r -> r.limit(1));
                return;
            }
            for (String stream : sourceConfig.streams()) {
                try {
                    kinesis.describeStreamSummary(r -> r.streamName(stream));
                } catch (ResourceNotFoundException e) {
                    addError(config, KinesisSourceConnectorConfig.STREAM_CONFIG, "Stream " + stream
                            + " does not exist at " + endpoint + ": create it, or correct "
                            + KinesisSourceConnectorConfig.STREAM_CONFIG);
                }
            }
        } catch (KinesisException e) {
            addError(config, KinesisSourceConnectorConfig.STREAM_CONFIG, "Kinesis at " + endpoint + " refused to "
                    + "describe the stream: " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage() + "; check the credentials (aws.credentials.provider) and "
                    + "their permissions");
        } catch (SdkClientException e) {
            addError(config, endpointKey, "Cannot reach Kinesis at " + endpoint + ": "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName())
                    + "; check " + endpointKey + " and that the server is running");
        }
    }

    private static void addError(Config config, String key, String message) {
        config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
                .ifPresent(v -> v.addErrorMessage(message));
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
