package io.sluice.connect.common.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Renders a {@link ConfigDef} as a Markdown reference, so the docs are generated from the definitions and never
 * written twice. One table per group, keys in group order; stateless and thread-safe.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /** The Markdown reference of {@code def}: per group a {@code ###} heading and a table. */
    public static String markdown(ConfigDef def) {
        StringBuilder out = new StringBuilder();
        List<String> groups = def.groups();
        List<ConfigKey> keys = def.configKeys().values().stream()
                .sorted(Comparator.<ConfigKey>comparingInt(k -> k.group == null ? Integer.MAX_VALUE
                                : groups.indexOf(k.group))
                        .thenComparingInt(k -> k.orderInGroup)
                        .thenComparing(k -> k.name))
                .toList();
        for (String group : keys.stream().map(k -> k.group == null ? "Other" : k.group).distinct().toList()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("### ").append(group).append("\n\n")
                    .append("| Key | Type | Default | Valid values | Importance | Description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigKey key : keys.stream().filter(k -> group.equals(k.group == null ? "Other" : k.group))
                    .collect(Collectors.toList())) {
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(defaultValue(key)).append(" | ")
                        .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(none)";
        }
        String text = key.type == Type.PASSWORD ? "[hidden]" : ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
