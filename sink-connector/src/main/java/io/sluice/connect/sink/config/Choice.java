package io.sluice.connect.sink.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The spellings of an enum-valued setting: lower case in the configuration ({@code partition}), matched ignoring
 * case and surrounding blanks. {@link #validator} and {@link #recommender} give the {@code ConfigDef} parts, so
 * every enum setting reads, validates and documents the same way. Immutable and thread-safe.
 */
public final class Choice<E extends Enum<E>> implements ConfigDef.Validator, ConfigDef.Recommender {

    private final Class<E> type;

    private Choice(Class<E> type) {
        this.type = type;
    }

    public static <E extends Enum<E>> Choice<E> of(Class<E> type) {
        return new Choice<>(type);
    }

    /** The spelling of {@code value} in the configuration, e.g. {@code partition}. */
    public static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public List<String> spellings() {
        return Arrays.stream(type.getEnumConstants()).map(Choice::spelling).toList();
    }

    public Optional<E> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> spelling(e).equals(wanted)).findFirst();
    }

    public E parseOrThrow(String name, String value) {
        return parse(value).orElseThrow(() -> new ConfigException(name, value, "must be " + this));
    }

    @Override
    public void ensureValid(String name, Object value) {
        parseOrThrow(name, (String) value);
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
