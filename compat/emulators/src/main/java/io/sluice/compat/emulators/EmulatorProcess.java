package io.sluice.compat.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulator run as a child process on 127.0.0.1 and a free port: started, waited for until its port accepts
 * connections, and stopped (with its children) on {@link #close} — or when the JVM exits first, so a test run cut
 * short leaves no emulator behind. Its output goes to a file named in every error.
 */
public class EmulatorProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Thread stopAtExit;
    private final Path log;
    private final URI endpoint;

    /** Starts {@code command}, in which {@code {port}} stands for the free port chosen. */
    protected EmulatorProcess(String name, List<String> command) {
        int port = freePort();
        try {
            log = Files.createTempFile(name + "-", ".log");
            process = new ProcessBuilder(command.stream().map(arg -> arg.replace("{port}", Integer.toString(port)))
                    .toList()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
        stopAtExit = new Thread(this::stop, name + "-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitPort(name, port);
    }

    /** The endpoint a DynamoDB client uses, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook stops the process
        }
        stop();
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPort(String name, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it served; "
                        + "its output: " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException(name + " did not serve on port " + port + " within " + START_TIMEOUT
                + "; its output: " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
