package io.sluice.connect.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * A task's configuration: the connector's plus the shards the connector assigned to it (set by
 * {@link KinesisSourceConnector#taskConfigs}, never by users). Immutable and thread-safe.
 */
public final class KinesisSourceTaskConfig extends KinesisSourceConnectorConfig {

    public static final String TASK_SHARDS_CONFIG = "task.assigned.shards";
    private static final String TASK_SHARDS_DOC = "The shards this task reads, as stream/shardId.";

    public static final String TASK_SHARDS_FROM_START_CONFIG = "task.assigned.shards.from.start";
    private static final String TASK_SHARDS_FROM_START_DOC = "The assigned shards that start at their trim horizon "
            + "when they have no offset (children of shards already read), as stream/shardId.";

    public static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
            .define(TASK_SHARDS_CONFIG, Type.LIST, Importance.HIGH, TASK_SHARDS_DOC)
            .define(TASK_SHARDS_FROM_START_CONFIG, Type.LIST, List.of(), Importance.LOW, TASK_SHARDS_FROM_START_DOC);

    private final List<ShardRef> shards;
    private final Set<ShardRef> fromStart;

    public KinesisSourceTaskConfig(Map<String, String> props) {
        super(TASK_CONFIG_DEF, props);
        shards = getList(TASK_SHARDS_CONFIG).stream().map(ShardRef::parse).toList();
        fromStart = getList(TASK_SHARDS_FROM_START_CONFIG).stream().map(ShardRef::parse).collect(Collectors.toSet());
    }

    /** The connector's properties plus a task's assignment. */
    static Map<String, String> taskProps(Map<String, String> connectorProps, List<ShardRef> shards,
                                         Set<ShardRef> fromStart) {
        Map<String, String> props = new HashMap<>(connectorProps);
        props.put(TASK_SHARDS_CONFIG, join(shards));
        props.put(TASK_SHARDS_FROM_START_CONFIG, join(shards.stream().filter(fromStart::contains).toList()));
        return props;
    }

    public List<ShardRef> shards() {
        return shards;
    }

    /** Whether {@code shard} starts at its trim horizon when it has no committed offset. */
    public boolean startsFromTrimHorizon(ShardRef shard) {
        return fromStart.contains(shard);
    }

    private static String join(List<ShardRef> shards) {
        return shards.stream().map(ShardRef::toString).collect(Collectors.joining(","));
    }
}
