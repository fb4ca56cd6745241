package io.sluice.bench.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice-server} in its own JVM, as users run it (fsync every second), so the load generator and the server
 * do not share a heap — as with kinesalite in its own node process.
 */
public final class SluiceProcess implements Endpoint {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    private static final Pattern ADMIN = Pattern.compile("Sluice admin endpoint (\\S+)");

    private final Process process;
    private final URI uri;
    private final URI admin;

    /** Extra JVM options for the server, e.g. {@code -Dbench.server.jvmArgs=-XX:StartFlightRecording=filename=s.jfr}. */
    public static final String JVM_ARGS_PROPERTY = "bench.server.jvmArgs";

    /** Starts a server with Kinesis's throughput limits off. */
    public SluiceProcess(Path dataDir) throws IOException {
        this(dataDir, false);
    }

    /** Starts a server; {@code kinesisLimits} turns on Kinesis's per-shard throughput limits. */
    public SluiceProcess(Path dataDir, boolean kinesisLimits) throws IOException {
        this(dataDir, kinesisLimits, List.of());
    }

    /** Starts a server with more {@code sluice-server} flags, e.g. {@code --auth sigv4 --auth-config FILE}. */
    public SluiceProcess(Path dataDir, boolean kinesisLimits, List<String> flags) throws IOException {
        List<String> command = new ArrayList<>(List.of( // the heap bin/sluice-server gives it
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms2g", "-Xmx2g",
                "-XX:+ExitOnOutOfMemoryError"));
        String extra = System.getProperty(JVM_ARGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sluice.server.SluiceServerMain",
                "--port", "0", "--data-dir", dataDir.toString(), "--limits", kinesisLimits ? "kinesis" : "off", "--fsync", "interval:1000"));
        command.addAll(flags);
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        URI found = null;
        URI foundAdmin = null;
        boolean adminPort = flags.contains("--admin-port"); // its line follows the Kinesis port's
        while ((found == null || adminPort && foundAdmin == null) && (line = out.readLine()) != null) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                found = URI.create(listening.group(1));
            }
            Matcher admin = ADMIN.matcher(line);
            if (admin.find()) {
                foundAdmin = URI.create(admin.group(1));
            }
        }
        if (found == null || adminPort && foundAdmin == null) {
            process.destroyForcibly();
            throw new IOException("sluice-server exited before listening");
        }
        uri = found;
        admin = foundAdmin;
        // Keep reading what the server prints: a full pipe would block its logging, and with it the event loops.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException closed) {
                // the server is gone
            }
        }, "sluice-process-output");
        drain.setDaemon(true);
        drain.start();
    }

    @Override
    public String name() {
        return "sluice";
    }

    @Override
    public URI uri() {
        return uri;
    }

    /** The admin listener's endpoint, when started with {@code --admin-port}. */
    public URI adminUri() {
        if (admin == null) {
            throw new IllegalStateException("started without --admin-port");
        }
        return admin;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        // room for the clean shutdown the server does on SIGTERM
        ChildProcesses.stop(process, Duration.ofSeconds(30));
    }
}
