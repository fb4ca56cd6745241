package io.sluice.bench.server;

import io.sluice.bench.support.ChildProcesses;
import io.sluice.bench.support.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kinesalite (the npm package, in-memory) in a node process: installed into a temporary directory on first use,
 * with stream state changes instant so setup does not wait.
 */
final class KinesaliteProcess implements Endpoint {

    static final String VERSION = "3.3.3";

    private final Process process;
    private final URI uri;

    KinesaliteProcess(Path installDir) throws IOException, InterruptedException {
        Path cli = installDir.resolve("node_modules/kinesalite/cli.js");
        if (!Files.exists(cli)) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix",
                    installDir.toString(), "kinesalite@" + VERSION)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("npm install kinesalite@" + VERSION + " failed");
            }
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        process = new ProcessBuilder(List.of("node", cli.toString(), "--port", Integer.toString(port),
                "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "100"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        uri = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts(port)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                close();
                throw new IOException("kinesalite did not start on port " + port);
            }
            Thread.sleep(100);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "kinesalite";
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }
}
