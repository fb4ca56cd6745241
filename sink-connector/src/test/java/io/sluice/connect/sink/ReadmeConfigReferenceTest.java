package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.ConfigReference;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The config reference in {@code sink-connector/README.md} is generated from {@link KinesisSinkConnectorConfig}'s
 * {@code ConfigDef}; this fails when the checked-in text is stale. Regenerate with
 * {@code mvn -B -o -q test -pl sink-connector -Dtest=ReadmeConfigReferenceTest -Dsluice.docs.regenerate=true}.
 */
class ReadmeConfigReferenceTest {

    @Test
    void readmeConfigReferenceMatchesTheConfigDef() throws IOException {
        ConfigReference.assertReadmeCurrent(Path.of("README.md"), "KinesisSinkConnectorConfig (ReadmeConfigReferenceTest)",
                ConfigReference.markdown(KinesisSinkConnectorConfig.CONFIG_DEF));
    }

    @Test
    void referenceHasTheSharedConnectionKeysAndEveryGroupOfTheSink() {
        String md = ConfigReference.markdown(KinesisSinkConnectorConfig.CONFIG_DEF);
        assertThat(md.lines().filter(l -> l.startsWith("### "))).containsExactly("### Kinesis connection",
                "### Stream", "### Records", "### Delivery");
        assertThat(md).contains("| `kinesis.stream` | string | (required) | a stream name, or a template with "
                + "${topic} | high | ");
        assertThat(md).contains("| `kinesis.partition.key.source` | string | `key` | one of key, field, partition, "
                + "constant, random | high | ");
        assertThat(md.lines().filter(l -> l.startsWith("| `"))).hasSize(12 + 3 + 8 + 6);
    }
}
