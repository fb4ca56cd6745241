package io.sluice.quickstart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quickstart's connectors are the example REST bodies in {@code config/connect/} ({@code anderson-source.json},
 * {@code anderson-sink.json}) — what a user would {@code POST /connectors} — pointed at this run's server and
 * pump SQL file, so the examples and the quickstart cannot drift apart.
 */
record ConnectorConfigs(String name, Map<String, String> config) {

    static final String SOURCE_FILE = "anderson-source.json";
    static final String SINK_FILE = "anderson-sink.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENDPOINT_KEY = "kinesis.base.url";
    private static final String SQL_FILE_KEY = "transforms.pump.pump.sql.file";

    /** Reads {@code {"name": ..., "config": {...}}} and points it at {@code kinesis} (and {@code sqlFile}, if it has one). */
    static ConnectorConfigs load(Path restBody, URI kinesis, Path sqlFile) throws IOException {
        JsonNode body = JSON.readTree(restBody.toFile());
        Map<String, String> config = new LinkedHashMap<>(
                JSON.convertValue(body.path("config"), new TypeReference<Map<String, String>>() { }));
        if (!body.path("name").isTextual() || config.isEmpty()) {
            throw new IllegalArgumentException(restBody + " is not a connector body {\"name\": ..., \"config\": {...}}");
        }
        config.put(ENDPOINT_KEY, kinesis.toString());
        if (config.containsKey(SQL_FILE_KEY)) {
            config.put(SQL_FILE_KEY, sqlFile.toAbsolutePath().normalize().toString());
        }
        return new ConnectorConfigs(body.path("name").asText(), config);
    }

    String topic() {
        return config.getOrDefault("kafka.topic", config.get("topics"));
    }

    String stream() {
        return config.get("kinesis.stream");
    }
}
