package io.sluice.connect.common.config;

import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * What both connectors' {@code validate()} answer, in three steps that each run only on what the step before
 * passed: each key's own validator ({@code ConfigDef.validate}), the rules across keys (the connection fragment's
 * and the connector's, each on a key without an error of its own), then, when no key has an error, a probe of
 * Kinesis itself. Stateless and thread-safe.
 */
public final class ConnectorValidation {

    private ConnectorValidation() {
    }

    /**
     * @param perKey {@code ConfigDef.validate}'s answer for {@code props}
     * @param connectorRules the connector's own rules across keys
     * @param probe called with the answer when every key passed, to add what Kinesis says
     */
    public static Config validate(Config perKey, Map<String, String> props, KeyErrors connectorRules,
            Consumer<Config> probe) {
        for (ConfigValue value : perKey.configValues()) {
            // ConfigDef runs a key's validator on null after its value failed to parse ("Not a number of type
            // INT"), adding "Invalid value null ...: Value must be non-null": noise about a value nobody wrote.
            if (value.errorMessages().size() > 1 && props.get(value.name()) != null) {
                value.errorMessages().removeIf(m -> m.startsWith("Invalid value null for configuration "));
            }
        }
        new KeyErrors().addAll(KinesisConnectionConfig.crossKeyErrors(props)).addAll(connectorRules)
                .attachTo(perKey);
        if (!hasErrors(perKey)) {
            probe.accept(perKey);
        }
        return perKey;
    }

    /** Whether any value of {@code config} carries an error. */
    public static boolean hasErrors(Config config) {
        return config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
    }
}
