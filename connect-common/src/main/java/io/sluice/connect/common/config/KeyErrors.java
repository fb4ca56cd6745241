package io.sluice.connect.common.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * What the rules across keys found wrong, each message on the key the user should change, in the order found.
 * Not thread-safe.
 */
public final class KeyErrors {

    private final Map<String, List<String>> byKey = new LinkedHashMap<>();

    public KeyErrors add(String key, String message) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        return this;
    }

    public KeyErrors addAll(KeyErrors other) {
        other.byKey.forEach((key, messages) -> messages.forEach(m -> add(key, m)));
        return this;
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The messages per key, as an unmodifiable copy. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byKey.forEach((key, messages) -> copy.put(key, List.copyOf(messages)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * For {@code Connector.validate()}: adds each message to its key's value in {@code config}, unless that value
     * has an error of its own already (which is the one to fix first).
     */
    public void attachTo(Config config) {
        for (ConfigValue value : config.configValues()) {
            if (value.errorMessages().isEmpty()) {
                byKey.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
            }
        }
    }

    /** One exception listing every message (they name their keys), for a configuration that is parsed anyway. */
    public ConfigException toException(String what) {
        return new ConfigException("Invalid " + what + ": " + byKey.values().stream().flatMap(List::stream)
                .collect(Collectors.joining("; ")));
    }
}
