package io.sluice.compat.emulators;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * dynalite (Apache-2.0), a DynamoDB emulator on Node.js, in memory, from the npm packages {@code
 * bin/setup-test-clients} installs: enough DynamoDB for the leases of KCL 2.x.
 */
public final class Dynalite extends EmulatorProcess {

    private Dynalite(Path cli) {
        super("dynalite", List.of("node", cli.toString(), "--host", "127.0.0.1", "--port", "{port}",
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
    }

    /** Starts dynalite; fails naming what to run when it is not installed. */
    public static Dynalite start() {
        Path cli = TestClients.nodeModules().resolve("dynalite").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli + "; run bin/setup-test-clients");
        }
        return new Dynalite(cli);
    }
}
