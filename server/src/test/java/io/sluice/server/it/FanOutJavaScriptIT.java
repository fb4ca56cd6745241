package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.testing.SluiceServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enhanced fan-out through the AWS SDK for JavaScript v3 ({@code @aws-sdk/client-kinesis}, pinned and installed by
 * {@code bin/setup-test-clients}), whose default transport for Kinesis is HTTP/2 — here cleartext with prior
 * knowledge. The script ({@code clients/js_fanout.cjs}) runs the scenarios of {@link FanOutScenarios}, as boto3 does
 * in {@link FanOutBoto3IT}.
 */
class FanOutJavaScriptIT {

    /** Where bin/setup-test-clients installs the npm packages (SLUICE_TEST_CLIENTS overrides the base). */
    static final Path NODE_MODULES = Path.of(System.getenv().getOrDefault("SLUICE_TEST_CLIENTS",
            System.getProperty("user.home") + "/.cache/sluice-test-clients"), "node", "node_modules");
    /** The lock the packages are installed from; bin/setup-test-clients copies it beside them once npm succeeded. */
    private static final Path LOCK = Path.of("..", "bin", "test-clients", "package-lock.json").toAbsolutePath().normalize();
    private static SluiceServerExtension server;

    @BeforeAll
    static void start() throws IOException {
        assertJavaScriptSdkInstalled();
        server = SluiceServerExtension.builder()
                .configure(config -> config.withLimits(false).withSubscriptionLifetime(12_000)).start();
    }

    /** Fails with what to run when bin/setup-test-clients has not installed the locked npm packages. */
    static void assertJavaScriptSdkInstalled() throws IOException {
        assertThat(NODE_MODULES.resolve("@aws-sdk/client-kinesis"))
                .as("the JavaScript SDK; bin/setup-test-clients installs it").isDirectory();
        Path installed = NODE_MODULES.resolveSibling("installed-package-lock.json");
        assertThat(Files.exists(installed) && Files.mismatch(LOCK, installed) == -1)
                .as("%s holds the npm packages locked in %s; bin/setup-test-clients installs them", NODE_MODULES, LOCK)
                .isTrue();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theJavaScriptSdkSubscribesOverHttp2ResumesIsTakenOverFollowsAShardToItsEndAndSeesErrors() throws Exception {
        FanOutScenarios.check(run(), "js");
    }

    private static Map<String, JsonNode> run() throws Exception {
        return ClientProcess.byCase(ClientProcess.run(List.of("node", ClientProcess.script("js_fanout.cjs"),
                server.server().endpoint().toString()), Map.of("NODE_PATH", NODE_MODULES.toString())));
    }
}
