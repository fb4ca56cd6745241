package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Configuration references in the READMEs, generated from the {@link ConfigDef}s so they are never written twice:
 * {@link #markdown} renders one, {@link #assertReadmeCurrent} checks (or, with
 * {@code -Dsluice.docs.regenerate=true}, rewrites) the README section that holds it. Stateless and thread-safe.
 */
public final class ConfigReference {

    /** The property that makes {@link #assertReadmeCurrent} rewrite the README instead of failing. */
    public static final String REGENERATE_PROPERTY = "sluice.docs.regenerate";
    private static final String END = "<!-- END GENERATED -->";

    private ConfigReference() {
    }

    /**
     * Checks that {@code readme}'s text between {@code <!-- BEGIN GENERATED: section -->} and
     * {@code <!-- END GENERATED -->} is {@code generated}; with {@code -Dsluice.docs.regenerate=true} writes it there
     * instead.
     */
    public static void assertReadmeCurrent(Path readme, String section, String generated) throws IOException {
        String begin = "<!-- BEGIN GENERATED: " + section + " -->\n";
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int from = text.indexOf(begin);
        int to = text.indexOf(END, Math.max(from, 0));
        assertThat(from).as("%s has the marker %s", readme, begin.trim()).isNotNegative();
        assertThat(to).as("%s has the marker %s after %s", readme, END, begin.trim()).isGreaterThan(from);
        if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
            Files.writeString(readme, text.substring(0, from + begin.length()) + generated + text.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(text.substring(from + begin.length(), to))
                .as("%s's %s is stale; regenerate it with -D%s=true", readme, section, REGENERATE_PROPERTY)
                .isEqualTo(generated);
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
