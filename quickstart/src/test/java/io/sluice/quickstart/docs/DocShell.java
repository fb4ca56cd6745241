package io.sluice.quickstart.docs;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs commands from the docs as a user pasting them into a shell at the checkout's root would, each bounded in
 * time ({@link #COMMAND_TIMEOUT}).
 *
 * <p>The environment is the docs' user's, not this machine's: {@code /usr/bin} comes first on {@code PATH}, so
 * {@code aws} is Debian's AWS CLI v2 and {@code python3} Debian's with boto3 — what {@code bin/setup-test-clients}
 * installs, what CI has and what users have — and not a CLI v1 that a tool manager put first. Every inherited
 * {@code AWS_*} variable is dropped; static credentials are set ({@link #ACCESS_KEY_ID}, region us-east-1), the
 * instance metadata lookup is disabled and the shared config and credentials files are pointed at files that do not
 * exist, so no profile changes what a command does and no client leaves loopback. Standard input is empty.
 */
final class DocShell {

    static final String ACCESS_KEY_ID = "AKIASLUICEDOCSTEST01";
    static final String SECRET_ACCESS_KEY = "docs-test-secret";
    /** Room for a {@code bin/} launcher's first-use build; a command that hangs is stopped and reported. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String LISTENING = "listening on";
    /** A JVM's exit code after SIGTERM. */
    private static final int SIGTERM_EXIT = 143;

    private final Path root;
    private final Path scratch;

    /** Runs commands in {@code root}; keeps their outputs and the servers' data directories under {@code scratch}. */
    DocShell(Path root, Path scratch) {
        this.root = root;
        this.scratch = scratch;
    }

    /**
     * Runs {@code script} with bash as {@code set -e -o pipefail} — it stops at the first failing command — tracing
     * each command on stderr as {@code + <where>:<line>: command}, the script's first line being {@code firstLine}.
     */
    Run shell(String where, int firstLine, String script) {
        // Set in the script: bash running as root does not take PS4 from the environment.
        String trace = "PS4='+ " + where + ":$((LINENO + " + (firstLine - 2) + ")): '; set -x\n";
        return run(List.of("bash", "-e", "-o", "pipefail", "-c", trace + script), script);
    }

    Run python(String script) {
        return run(List.of("python3", "-c", script), script);
    }

    /**
     * Runs one {@code bin/sluice-server ...} line (its trailing {@code # comment} dropped) with {@code --port 0
     * --data-dir <fresh directory>} appended: flags given last win, and neither port 4567 nor {@code ./data} is this
     * test's to take. A line that ends by itself (such as {@code --help}) must exit 0; a server must print
     * {@code listening on}, then stop within {@link #STOP_TIMEOUT} of SIGTERM, as the server README says it does.
     */
    Run server(String line) {
        String command = line.replaceFirst("\\s+#.*$", "") + " --port 0 --data-dir " + fresh("data");
        Started started = start(List.of("bash", "-c", command));
        try {
            await().atMost(COMMAND_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> !started.process().isAlive() || read(started.stdout()).contains(LISTENING));
        } catch (ConditionTimeoutException e) {
            return started.stop(command, Ending.TIMED_OUT);
        }
        return started.process().isAlive() ? started.stop(command, Ending.STOPPED) : started.end(command);
    }

    private Run run(List<String> command, String shown) {
        Started started = start(command);
        try {
            if (started.process().waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return started.end(shown);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return started.stop(shown, Ending.TIMED_OUT);
    }

    private Started start(List<String> command) {
        Path outputs = fresh("run");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(outputs.resolve("stdout").toFile())
                .redirectError(outputs.resolve("stderr").toFile());
        userEnvironment(builder.environment());
        try {
            return new Started(builder.start(), outputs.resolve("stdout"), outputs.resolve("stderr"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    private void userEnvironment(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("PATH", "/usr/bin:/bin:" + env.getOrDefault("PATH", ""));
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", scratch.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-aws-credentials").toString());
    }

    private Path fresh(String prefix) {
        try {
            return Files.createTempDirectory(scratch, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a command ended. */
    enum Ending {
        /** By itself. */
        EXITED,
        /** By SIGTERM, sent once it said it was listening. */
        STOPPED,
        /** By SIGTERM (and SIGKILL if need be), sent when it ran out of time. */
        TIMED_OUT
    }

    /**
     * What a command did: how it ended, its exit code ({@code -1} if even SIGKILL did not end it in time) and what
     * it printed.
     */
    record Run(String command, Ending ending, int exitCode, String stdout, String stderr) {

        /** Exited with 0, or, being a server, stopped cleanly on SIGTERM. */
        boolean succeeded() {
            return switch (ending) {
                case EXITED -> exitCode == 0;
                case STOPPED -> exitCode == SIGTERM_EXIT;
                case TIMED_OUT -> false;
            };
        }

        /** The command, how it ended and both outputs, for a failure message. */
        String report() {
            String how = switch (ending) {
                case EXITED -> "exited " + exitCode;
                case STOPPED -> exitCode == -1 ? "did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM"
                        : "stopped by SIGTERM once listening, exit code " + exitCode;
                case TIMED_OUT -> "did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s, stopped";
            };
            return command.strip() + "\n--- " + how + "; stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    private record Started(Process process, Path stdout, Path stderr) {

        Run end(String command) {
            return new Run(command, Ending.EXITED, process.exitValue(), read(stdout), read(stderr));
        }

        /** SIGTERM to the process and everything it started, children first; SIGKILL if that is not enough. */
        Run stop(String command, Ending ending) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            int exitCode = -1;
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    exitCode = process.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Run(command, ending, exitCode, read(stdout), read(stderr));
        }
    }
}
