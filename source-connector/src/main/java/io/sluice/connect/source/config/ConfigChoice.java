package io.sluice.connect.source.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A configuration value chosen from a fixed set, spelled as in the configuration. {@link #validator} and
 * {@link #recommender} give the {@code ConfigDef} the set in one place; lookups ignore case and surrounding blanks.
 * Stateless and thread-safe.
 */
public interface ConfigChoice {

    /** The spelling in the configuration. */
    String configValue();

    /** The constant {@code value} spells, if any. */
    static <E extends Enum<E> & ConfigChoice> Optional<E> lookup(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.configValue().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** The constant {@code value} spells; only for values the validator accepted. */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String value) {
        return lookup(type, value).orElseThrow(() -> new ConfigException("Unknown value " + value));
    }

    static <E extends Enum<E> & ConfigChoice> List<String> spellings(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigChoice::configValue).toList();
    }

    static <E extends Enum<E> & ConfigChoice> ConfigDef.Validator validator(Class<E> type) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (lookup(type, (String) value).isEmpty()) {
                    throw new ConfigException(name, value, "must be one of " + String.join(", ", spellings(type)));
                }
            }

            @Override
            public String toString() {
                return "one of " + String.join(", ", spellings(type));
            }
        };
    }

    static <E extends Enum<E> & ConfigChoice> ConfigDef.Recommender recommender(Class<E> type) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return List.copyOf(spellings(type));
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }
}
