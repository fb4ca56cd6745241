package io.sluice.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.ServerConfig;
import io.sluice.server.cli.ServerCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file in {@code config/} is loaded by what it configures, in a test: the worker properties by Kafka
 * Connect's worker config classes, the server properties by the server's command line, the logging files by
 * log4j (which then logs where the file says). The connector files are validated by a real worker in
 * {@link QuickstartIT}, the pump SQL runs in the quickstart and in {@code DocsIT}, the auth example in the server's
 * {@code SigV4AuthIT}.
 */
class ConfigFilesTest {

    private static final Path CONFIG = Path.of("..", "config");

    /** Each file in config/ and the test that loads it with what it configures. */
    private static final Map<String, String> LOADED_BY = Map.ofEntries(
            Map.entry("connect/anderson-sink.json", "QuickstartIT (the worker's validate, and the quickstart)"),
            Map.entry("connect/anderson-sink.properties", "QuickstartIT (the worker's validate)"),
            Map.entry("connect/anderson-source.json", "QuickstartIT (the worker's validate, and the quickstart)"),
            Map.entry("connect/anderson-source.properties", "QuickstartIT (the worker's validate)"),
            Map.entry("connect/connect-distributed.properties", "this test (DistributedConfig)"),
            Map.entry("connect/connect-standalone.properties", "this test (StandaloneConfig)"),
            Map.entry("pump/anderson-filter.sql", "QuickstartIT (the quickstart's pump), DocsIT (bin/sluice pump)"),
            Map.entry("quickstart/log4j2.xml", "this test (log4j)"),
            Map.entry("server/auth.json", "the server's SigV4AuthIT (UserDirectory)"),
            Map.entry("server/log4j2.xml", "this test (log4j)"),
            Map.entry("server/server.properties", "this test (ServerCommandLine)"));

    @Test
    void everyFileInConfigIsLoadedByATest() throws IOException {
        try (Stream<Path> files = Files.walk(CONFIG)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> CONFIG.relativize(f).toString()))
                    .as("files in config/; a new one needs a test that loads it, listed in LOADED_BY")
                    .containsExactlyInAnyOrderElementsOf(LOADED_BY.keySet());
        }
    }

    @Test
    void serverPropertiesAreTheServersDefaultsUnderTheirFlagNames() {
        ServerConfig fromFile = ServerCommandLine.parse("--config", CONFIG.resolve("server/server.properties").toString());

        assertThat(fromFile).isEqualTo(ServerCommandLine.parse());
    }

    @Test
    void distributedWorkerPropertiesAreSettingsTheWorkerKnows() throws IOException {
        Map<String, String> file = properties("connect/connect-distributed.properties");
        DistributedConfig config = new DistributedConfig(file);

        assertThat(config.values().keySet()).containsAll(file.keySet());
        assertThat(config.exactlyOnceSourceEnabled()).isTrue();
        assertThat(config.getList("plugin.path")).containsExactly("dist/target/plugin");
    }

    @Test
    void standaloneWorkerPropertiesAreSettingsTheWorkerKnows() throws IOException {
        Map<String, String> file = properties("connect/connect-standalone.properties");
        AbstractConfig config = new StandaloneConfig(file);

        assertThat(config.values().keySet()).containsAll(file.keySet());
        assertThat(config.getString(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG))
                .isEqualTo("/tmp/sluice-connect.offsets");
    }

    @Test
    void serverLoggingSendsSluiceInfoAndLibraryWarningsToStderr() throws IOException {
        String stderr = logThrough("server/log4j2.xml", context -> {
            context.getLogger("io.sluice.server.SluiceServer").info("sluice info");
            context.getLogger("io.netty.channel.Channel").info("netty info");
            context.getLogger("io.netty.channel.Channel").warn("netty warning");
        });

        assertThat(stderr).contains("INFO  SluiceServer - sluice info", "WARN  Channel - netty warning")
                .doesNotContain("netty info");
    }

    @Test
    void quickstartLoggingWritesTheServicesToItsFileAndOnlyErrorsToTheTerminal(@TempDir Path dir) throws IOException {
        Path logFile = dir.resolve("quickstart.log");
        System.setProperty("sluice.quickstart.log", logFile.toString());
        String stderr;
        try {
            stderr = logThrough("quickstart/log4j2.xml", context -> {
                context.getLogger("io.sluice.quickstart.Quickstart").info("sluice info");
                context.getLogger("org.apache.kafka.connect.runtime.Worker").info("worker info");
                context.getLogger("org.apache.kafka.connect.runtime.Worker").warn("worker warning");
                context.getLogger("org.apache.kafka.connect.runtime.Worker").error("worker error");
            });
        } finally {
            System.clearProperty("sluice.quickstart.log");
        }

        assertThat(Files.readString(logFile)).contains("INFO  [main] Quickstart - sluice info",
                "WARN  [main] Worker - worker warning", "ERROR [main] Worker - worker error")
                .doesNotContain("worker info");
        assertThat(stderr).contains("ERROR Worker - worker error").doesNotContain("warning", "sluice info");
    }

    private interface Logging {
        void log(LoggerContext context);
    }

    /**
     * Loads {@code file} with log4j's configuration factory into a context of its own, logs through it and returns
     * what reached standard error; fails if log4j reported any problem with the file.
     */
    private static String logThrough(String file, Logging logging) throws IOException {
        List<String> problems = new CopyOnWriteArrayList<>();
        StatusListener listener = new ProblemCollector(problems);
        StatusLogger.getLogger().registerListener(listener);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext("config-" + file);
        try {
            // The console appender takes System.err when it is built, which starting the context does.
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Configuration configuration = ConfigurationFactory.getInstance().getConfiguration(context,
                    ConfigurationSource.fromUri(CONFIG.resolve(file).toUri()));
            context.start(configuration);
            logging.log(context);
        } finally {
            context.stop();
            System.setErr(stderr);
            StatusLogger.getLogger().removeListener(listener);
        }
        assertThat(problems).as("log4j's complaints about %s", file).isEmpty();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> properties(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(CONFIG.resolve(file))) {
            properties.load(in);
        }
        return properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, properties::getProperty));
    }

    /** Collects log4j's own warnings and errors (a misspelt attribute, an unknown plugin, an unwritable file). */
    private record ProblemCollector(List<String> problems) implements StatusListener {

        @Override
        public void log(StatusData data) {
            problems.add(data.getLevel() + " " + data.getFormattedStatus());
        }

        @Override
        public Level getStatusLevel() {
            return Level.WARN;
        }

        @Override
        public void close() {
        }
    }
}
