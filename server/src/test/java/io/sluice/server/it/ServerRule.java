package io.sluice.server.it;

import io.sluice.core.log.FsyncPolicy;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Starts a real Sluice server on a free loopback port with a fresh data directory, and removes both after. */
final class ServerRule implements AutoCloseable {

    private final Path dataDir;
    private SluiceServer server;

    ServerRule(UnaryOperator<ServerConfig> settings) {
        try {
            dataDir = Files.createTempDirectory("sluice-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = SluiceServer.start(settings.apply(ServerConfig.defaults()
                .withPort(0)
                .withDataDir(dataDir)
                .withFsync(FsyncPolicy.always())));
    }

    SluiceServer server() {
        return server;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops the server and starts a new one on the same data directory (and, if free, the same port). */
    void restart(UnaryOperator<ServerConfig> settings) {
        int port = server.address().getPort();
        server.close();
        server = SluiceServer.start(settings.apply(ServerConfig.defaults()
                .withPort(port)
                .withDataDir(dataDir)
                .withFsync(FsyncPolicy.always())));
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
