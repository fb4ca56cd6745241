package io.sluice.compat.emulators;

import java.nio.file.Path;

/** Where {@code bin/setup-test-clients} installs the npm packages ({@code SLUICE_TEST_CLIENTS} overrides the base). */
final class TestClients {

    private TestClients() {
    }

    static Path nodeModules() {
        return Path.of(System.getenv().getOrDefault("SLUICE_TEST_CLIENTS",
                System.getProperty("user.home") + "/.cache/sluice-test-clients"), "node", "node_modules");
    }
}
