package io.sluice.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class of the test classpath running in a child JVM, for crash tests that kill a real process.
 *
 * <p>The child's stdout (US-ASCII) is copied line by line, on a daemon thread, into a queue read with
 * {@link #poll}; only the lines {@code keepLine} accepts are queued, so each test keeps its own protocol and
 * drops lines the kill cut short. When stdout ends, normally or because the kill broke the pipe, {@link #EOF}
 * is queued last. The child's stderr goes to a file, for the failure message.
 *
 * <p>Not thread-safe: the test thread that starts a child owns it.
 */
public final class ChildJvm {

    /** Queued after the child's last stdout line. */
    public static final String EOF = "<eof>";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code mainClass} with {@code args}, its stderr written to {@code stderr}. */
    public static ChildJvm start(Class<?> mainClass, List<String> args, Path stderr, Predicate<String> keepLine)
            throws IOException {
        // Surefire and failsafe may run tests from a manifest-only jar; this property holds the real classpath.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A small heap and C1 only: crash tests start many short-lived children, so start-up time dominates.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classpath, mainClass.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(stderr.toFile());
        ChildJvm child = new ChildJvm(pb.start());
        child.copyStdoutLines(keepLine);
        return child;
    }

    private void copyStdoutLines(Predicate<String> keepLine) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (keepLine.test(line)) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the pipe broke with the kill: end of output
            } finally {
                lines.add(EOF);
            }
        }, "crash-child-stdout");
        t.setDaemon(true);
        t.start();
    }

    /** The next kept stdout line, {@link #EOF} after the last, or null when none came within the timeout. */
    public String poll(long timeout, TimeUnit unit) throws InterruptedException {
        return lines.poll(timeout, unit);
    }

    /** Kills the child with SIGKILL: no shutdown hook, no flush, as in a crash. */
    public void sigkill() {
        process.destroyForcibly();
    }

    /** Whether the child has exited within the timeout. */
    public boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /** Kills the child if it still runs and waits for it: for clean-up after a test, whatever its outcome. */
    public void stop() throws InterruptedException {
        sigkill();
        awaitExit(30, TimeUnit.SECONDS);
    }
}
