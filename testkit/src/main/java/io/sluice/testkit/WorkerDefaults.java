package io.sluice.testkit;

import java.util.HashMap;
import java.util.Map;

/** Worker properties every test cluster shares, whichever broker it runs on. */
final class WorkerDefaults {

    private WorkerDefaults() {
    }

    /**
     * Plugins are discovered through their service-loader manifests only (KIP-898), as a packaged Sluice plugin
     * is; offsets flush often so tests that restart tasks do not wait long for committed positions.
     */
    static Map<String, String> workerProperties(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("plugin.discovery", "service_load");
        // Test servers bind to loopback only.
        props.put("listeners", "http://127.0.0.1:0");
        props.put("offset.flush.interval.ms", "1000");
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.putAll(overrides);
        return props;
    }

    /**
     * A distributed worker of its own group {@code name}-connect on a single broker (internal topics with one
     * replica), then the defaults above, then {@code overrides} — for the kit's workers that are not Kafka's
     * embedded cluster (a child process, a Testcontainers broker).
     */
    static Map<String, String> distributedWorkerProperties(String name, String bootstrapServers,
                                                          Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", name + "-connect");
        props.put("config.storage.topic", name + "-configs");
        props.put("offset.storage.topic", name + "-offsets");
        props.put("status.storage.topic", name + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.putAll(workerProperties(overrides));
        return props;
    }
}
