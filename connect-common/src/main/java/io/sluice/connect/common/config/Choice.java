package io.sluice.connect.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The spellings of one enum-valued setting ({@link ConfigChoice}), as the {@code ConfigDef}'s validator and
 * recommender and as the parser of the value, so every such setting reads, validates and documents the same way.
 * Lookups ignore case and surrounding blanks. Immutable and thread-safe.
 */
public final class Choice<E extends Enum<E> & ConfigChoice> implements ConfigDef.Validator, ConfigDef.Recommender {

    private final Class<E> type;

    private Choice(Class<E> type) {
        this.type = type;
    }

    public static <E extends Enum<E> & ConfigChoice> Choice<E> of(Class<E> type) {
        return new Choice<>(type);
    }

    /** The spellings, in declaration order. */
    public List<String> spellings() {
        return Arrays.stream(type.getEnumConstants()).map(ConfigChoice::configValue).toList();
    }

    /** The constant {@code value} spells, if any. */
    public Optional<E> lookup(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.configValue().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** The constant {@code value} of {@code key} spells; throws the validator's error when there is none. */
    public E parse(String key, String value) {
        return lookup(value).orElseThrow(() -> new ConfigException(key, value, "must be " + this));
    }

    @Override
    public void ensureValid(String name, Object value) {
        parse(name, (String) value);
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(spellings());
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return "one of " + String.join(", ", spellings());
    }
}
