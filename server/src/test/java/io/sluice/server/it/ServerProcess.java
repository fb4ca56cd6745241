package io.sluice.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code sluice-server}'s main class in a JVM of its own, for tests that stop it with a signal or need it killed. */
final class ServerProcess {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    private ServerProcess() {
    }

    /** Starts the server with these flags (the test's class path). */
    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.sluice.server.SluiceServerMain"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /**
     * The endpoint from the server's "listening" line; what it prints after is read and dropped, so a full pipe
     * never blocks its logging.
     */
    static URI endpoint(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // dropped
                        }
                    } catch (IOException gone) {
                        // the server ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the server exited without a 'listening' line: "
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
