package io.sluice.server;

import io.sluice.server.cli.ServerCommandLine;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/sluice-server}: starts the server, prints one line containing {@code listening} with the endpoint
 * when ready, and shuts down cleanly on SIGTERM / Ctrl-C (in-flight requests finish, data is synced).
 */
public final class SluiceServerMain {

    private SluiceServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config;
        try {
            config = ServerCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sluice-server: " + e.getMessage());
            System.err.println(ServerCommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.println(ServerCommandLine.USAGE);
            return;
        }
        SluiceServer server;
        try {
            server = SluiceServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("sluice-server: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        System.out.println("Sluice server listening on " + server.endpoint() + " (data " + config.dataDir()
                + ", region " + config.region() + ", auth " + config.auth().name().toLowerCase(java.util.Locale.ROOT)
                + ", limits " + (config.limitsOn() ? "kinesis" : "off") + ", fsync " + config.fsync() + ")");
        server.adminEndpoint().ifPresent(admin -> System.out.println("Sluice admin endpoint " + admin
                + " (" + String.join(", ", server.adminPaths()) + ")"));
        stopped.await();
    }
}
