package io.sluice.connect.common.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key that was renamed. The old spelling still works: {@link #apply} moves its value to the new key (with a
 * warning) when only the old one is set, and {@link #check} reports a configuration that sets both to different
 * values. Define the old key in the {@code ConfigDef} too, with {@link #deprecatedDoc()}, so {@code validate()} and
 * the reference show it. Immutable and thread-safe.
 */
public record RenamedKey(String oldKey, String newKey) {

    private static final Logger log = LoggerFactory.getLogger(RenamedKey.class);

    /** {@code props} with the old key's value under the new key, when only the old key is set. */
    public Map<String, String> apply(Map<String, String> props) {
        RawConfig raw = new RawConfig(props);
        if (!raw.isSet(oldKey) || raw.isSet(newKey)) {
            return props;
        }
        log.warn("{} is deprecated and will be removed: use {}", oldKey, newKey);
        Map<String, String> renamed = new HashMap<>(props);
        renamed.put(newKey, props.get(oldKey));
        return renamed;
    }

    /** The cross-key rule: both keys set, to different values. */
    public void check(RawConfig raw, KeyErrors errors) {
        if (raw.isSet(oldKey) && raw.isSet(newKey)
                && !Objects.equals(raw.props().get(oldKey).trim(), raw.props().get(newKey).trim())) {
            errors.add(oldKey, oldKey + " is the deprecated name of " + newKey + ", and the two are set to different "
                    + "values: remove " + oldKey);
        }
    }

    public String deprecatedDoc() {
        return "Deprecated: the former name of " + newKey + ", read when " + newKey + " is unset.";
    }
}
