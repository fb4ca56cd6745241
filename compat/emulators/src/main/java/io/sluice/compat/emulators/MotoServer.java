package io.sluice.compat.emulators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto's server (Apache-2.0), the AWS emulator on Python, in memory: its DynamoDB has the secondary indexes and
 * transactions KCL 3.x needs and dynalite lacks. Runs where moto and Flask are importable by {@code python3}.
 */
public final class MotoServer extends EmulatorProcess {

    private static final String PYTHON = "python3";

    private MotoServer() {
        super("moto", List.of(PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", "{port}"));
    }

    /** Starts moto's server; check {@link #unavailability} first. */
    public static MotoServer start() {
        return new MotoServer();
    }

    /** Why moto's server cannot run on this machine, or empty when it can. */
    public static Optional<String> unavailability() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import moto.server, flask, flask_cors")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                String lastLine = output.lines().reduce((first, last) -> last).orElse("no output");
                return Optional.of("moto's server is not importable by " + PYTHON + " (" + lastLine + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(PYTHON + " cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for moto");
        }
    }
}
