package io.sluice.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.common.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The config reference in {@code source-connector/README.md} is generated from
 * {@link KinesisSourceConnectorConfig#CONFIG_DEF}; this fails when the checked-in text is stale. Regenerate with
 * {@code mvn -B -o -q test -pl source-connector -Dtest=ReadmeConfigReferenceTest -Dsluice.docs.regenerate=true}.
 */
class ReadmeConfigReferenceTest {

    static final String BEGIN = "<!-- BEGIN GENERATED: KinesisSourceConnectorConfig (ReadmeConfigReferenceTest) -->\n";
    static final String END = "<!-- END GENERATED -->";

    @Test
    void readmeConfigReferenceMatchesTheConfigDef() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README.md has the marker " + BEGIN.trim()).isNotNegative();
        assertThat(end).as("README.md has the marker " + END).isGreaterThan(begin);
        String generated = ConfigDocs.markdown(KinesisSourceConnectorConfig.CONFIG_DEF);
        String current = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("sluice.docs.regenerate")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("README.md's config reference is stale; regenerate it with "
                + "-Dsluice.docs.regenerate=true (see this test's javadoc)").isEqualTo(generated);
    }
}
