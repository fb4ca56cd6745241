package io.sluice.server.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a fixed size mounted on a directory for one test: a disk that really fills up. Mounting needs root or
 * CAP_SYS_ADMIN; where it is not allowed the test is skipped by an assumption that says why, never failed.
 */
final class SmallFileSystem implements AutoCloseable {

    private final Path root;

    private SmallFileSystem(Path root) {
        this.root = root;
    }

    /** Mounts a tmpfs of {@code bytes} on {@code mountPoint} (created if missing), or skips the test. */
    static SmallFileSystem mount(Path mountPoint, long bytes) throws IOException {
        Files.createDirectories(mountPoint);
        String outcome = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString()));
        Assumptions.assumeTrue(outcome == null, () -> "This test fills a real disk, a " + bytes
                + "-byte tmpfs it mounts on " + mountPoint + ", and mounting needs root or CAP_SYS_ADMIN: " + outcome);
        return new SmallFileSystem(mountPoint);
    }

    Path root() {
        return root;
    }

    /** Writes zeros to a new file {@code name} until the file system is full; returns the file. */
    Path fillUp(String name) throws IOException {
        Path file = root.resolve(name);
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(page);
                out.flush();
            }
        } catch (IOException full) {
            if (!"No space left on device".equals(full.getMessage())) {
                throw full;
            }
        }
        return file;
    }

    @Override
    public void close() {
        String outcome = run(List.of("umount", root.toString()));
        if (outcome != null) {
            throw new IllegalStateException("could not unmount the test's tmpfs on " + root + ": " + outcome);
        }
    }

    /** Runs a command; null when it succeeded, else what went wrong. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish within 30 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? null : String.join(" ", command) + " exited with " + process.exitValue()
                    + (output.isEmpty() ? "" : ": " + output);
        } catch (IOException e) {
            return String.join(" ", command) + " could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running " + command, e));
        }
    }
}
