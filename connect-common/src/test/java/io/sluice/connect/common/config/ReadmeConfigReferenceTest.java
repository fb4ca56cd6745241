package io.sluice.connect.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.ConfigReference;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The config reference in {@code connect-common/README.md} is generated from {@link KinesisConnectionConfig}'s
 * {@code ConfigDef}; this fails when the checked-in text is stale. Regenerate with
 * {@code mvn -B -o -q test -pl connect-common -Dtest=ReadmeConfigReferenceTest -Dsluice.docs.regenerate=true}.
 */
class ReadmeConfigReferenceTest {

    @Test
    void readmeConfigReferenceMatchesTheConfigDef() throws IOException {
        ConfigReference.assertReadmeCurrent(Path.of("README.md"), "KinesisConnectionConfig (ReadmeConfigReferenceTest)",
                ConfigReference.markdown(KinesisConnectionConfig.configDef()));
    }

    @Test
    void markdownShowsTypeDefaultValidValuesAndHidesNothingButSecrets() {
        String md = ConfigReference.markdown(KinesisConnectionConfig.configDef());
        assertThat(md).startsWith("### Kinesis connection\n\n| Key | Type | Default | Valid values | Importance | "
                + "Description |\n|---|---|---|---|---|---|\n| `kinesis.region` | string | `us-east-1` | an AWS region "
                + "id such as us-east-1 (or US_EAST_1) | high | ");
        assertThat(md).contains("| `aws.secret.key.id` | password | (none) | a secret access key | high | ");
        assertThat(md).contains("| `kinesis.retries.max` | int | `3` | [0,...,100] | low | ");
        assertThat(md.lines().filter(l -> l.startsWith("| `"))).hasSize(12);
    }
}
