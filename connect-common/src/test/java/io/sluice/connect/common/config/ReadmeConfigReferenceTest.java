package io.sluice.connect.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The config reference in {@code connect-common/README.md} is generated from {@link KinesisConnectionConfig}'s
 * {@code ConfigDef}; this fails when the checked-in text is stale. Regenerate with
 * {@code mvn -B -o -q test -pl connect-common -Dtest=ReadmeConfigReferenceTest -Dsluice.docs.regenerate=true}.
 */
class ReadmeConfigReferenceTest {

    static final String BEGIN = "<!-- BEGIN GENERATED: KinesisConnectionConfig (ReadmeConfigReferenceTest) -->\n";
    static final String END = "<!-- END GENERATED -->";

    @Test
    void readmeConfigReferenceMatchesTheConfigDef() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README.md has the marker " + BEGIN.trim()).isNotNegative();
        assertThat(end).as("README.md has the marker " + END).isGreaterThan(begin);
        String generated = ConfigDocs.markdown(KinesisConnectionConfig.configDef());
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
    void markdownShowsTypeDefaultValidValuesAndHidesNothingButSecrets() {
        String md = ConfigDocs.markdown(KinesisConnectionConfig.configDef());
        assertThat(md).startsWith("### Kinesis connection\n\n| Key | Type | Default | Valid values | Importance | "
                + "Description |\n|---|---|---|---|---|---|\n| `kinesis.region` | string | `us-east-1` | an AWS region "
                + "id such as us-east-1 (or US_EAST_1) | high | ");
        assertThat(md).contains("| `aws.secret.key.id` | password | (none) | a secret access key | high | ");
        assertThat(md).contains("| `kinesis.retries.max` | int | `3` | [0,...,100] | low | ");
        assertThat(md.lines().filter(l -> l.startsWith("| `"))).hasSize(12);
    }
}
