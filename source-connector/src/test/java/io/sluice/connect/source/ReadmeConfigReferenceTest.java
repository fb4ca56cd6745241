package io.sluice.connect.source;

import io.sluice.testkit.ConfigReference;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The config reference in {@code source-connector/README.md} is generated from
 * {@link KinesisSourceConnectorConfig#CONFIG_DEF}; this fails when the checked-in text is stale. Regenerate with
 * {@code mvn -B -o -q test -pl source-connector -Dtest=ReadmeConfigReferenceTest -Dsluice.docs.regenerate=true}.
 */
class ReadmeConfigReferenceTest {

    @Test
    void readmeConfigReferenceMatchesTheConfigDef() throws IOException {
        ConfigReference.assertReadmeCurrent(Path.of("README.md"),
                "KinesisSourceConnectorConfig (ReadmeConfigReferenceTest)",
                ConfigReference.markdown(KinesisSourceConnectorConfig.CONFIG_DEF));
    }
}
