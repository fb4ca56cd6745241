package io.sluice.pump;

import io.sluice.testkit.ConfigReference;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The transform's config reference in pump/README.md is generated from {@link PumpConfig#CONFIG_DEF}; this test
 * fails when the checked-in text is stale. Regenerate with
 * {@code mvn -B -o -q test -pl pump -Dtest=PumpConfigDocTest -Dsluice.docs.regenerate=true}.
 */
class PumpConfigDocTest {

    @Test
    void readmeConfigReferenceMatchesTheConfigDef() throws IOException {
        ConfigReference.assertReadmeCurrent(Path.of("README.md"), "PumpConfig (PumpConfigDocTest)",
                ConfigReference.markdown(PumpConfig.CONFIG_DEF));
    }
}
