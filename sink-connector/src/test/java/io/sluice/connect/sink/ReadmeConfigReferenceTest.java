package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.common.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The config reference in {@code sink-connector/README.md} is generated from {@link KinesisSinkConnectorConfig}'s
 * {@code ConfigDef}; this fails when the checked-in text is stale. Regenerate with
 * {@code mvn -B -o -q test -pl sink-connector -Dtest=ReadmeConfigReferenceTest -Dsluice.docs.regenerate=true}.
 */
class ReadmeConfigReferenceTest {

    static final String BEGIN = "<!-- BEGIN GENERATED: KinesisSinkConnectorConfig (ReadmeConfigReferenceTest) -->\n";
    static final String END = "<!-- END GENERATED -->";

    @Test
    void readmeConfigReferenceMatchesTheConfigDef() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README.md has the marker " + BEGIN.trim()).isNotNegative();
        assertThat(end).as("README.md has the marker " + END).isGreaterThan(begin);
        String generated = ConfigDocs.markdown(KinesisSinkConnectorConfig.CONFIG_DEF);
        String current = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("sluice.docs.regenerate")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("README.md's config reference is stale; regenerate it with "
                + "-Dsluice.docs.regenerate=true (see this test's javadoc)").isEqualTo(generated);
    }

    @Test
    void referenceHasTheSharedConnectionKeysAndEveryGroupOfTheSink() {
        String md = ConfigDocs.markdown(KinesisSinkConnectorConfig.CONFIG_DEF);
        assertThat(md.lines().filter(l -> l.startsWith("### "))).containsExactly("### Kinesis connection",
                "### Stream", "### Records", "### Delivery");
        assertThat(md).contains("| `kinesis.stream` | string | (required) | a stream name, or a template with "
                + "${topic} | high | ");
        assertThat(md).contains("| `kinesis.partition.key.source` | string | `key` | one of key, field, partition, "
                + "constant, random | high | ");
        assertThat(md.lines().filter(l -> l.startsWith("| `"))).hasSize(12 + 3 + 8 + 4);
    }
}
