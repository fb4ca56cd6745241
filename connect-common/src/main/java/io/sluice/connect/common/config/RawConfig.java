package io.sluice.connect.common.config;

import java.util.Map;
import java.util.Optional;

/**
 * Connector properties as given, for the rules across keys. Those rules run on values the per-key validators may
 * still reject, so every read falls back to the default on a value it cannot use: that value's own validator
 * reports it. Holds the map it is given (values may be null, as in a REST request); as thread-safe as that map.
 */
public record RawConfig(Map<String, String> props) {

    /** Whether {@code key} has a value other than blanks. */
    public boolean isSet(String key) {
        String value = props.get(key);
        return value != null && !value.isBlank();
    }

    public String stringOr(String key, String defaultValue) {
        return isSet(key) ? props.get(key) : defaultValue;
    }

    public int intOr(String key, int defaultValue) {
        try {
            return isSet(key) ? Integer.parseInt(props.get(key).trim()) : defaultValue;
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    public long longOr(String key, long defaultValue) {
        try {
            return isSet(key) ? Long.parseLong(props.get(key).trim()) : defaultValue;
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** The constant {@code key} spells (its default when unset); empty when the value spells none. */
    public <E extends Enum<E> & ConfigChoice> Optional<E> choice(String key, Choice<E> choice, String defaultValue) {
        return choice.lookup(stringOr(key, defaultValue));
    }

    /** The rule that a maximum is not below its base (a backoff's, for one): the error goes on the maximum. */
    public void requireAtLeast(String maxKey, long maxDefault, String baseKey, long baseDefault, KeyErrors errors) {
        long base = longOr(baseKey, baseDefault);
        long max = longOr(maxKey, maxDefault);
        if (max < base) {
            errors.add(maxKey, maxKey + " (" + max + ") is less than " + baseKey + " (" + base + "): raise it to at"
                    + " least " + base);
        }
    }
}
