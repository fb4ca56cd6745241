package io.sluice.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * {@code bin/quickstart}: the seed's scenario on loopback in one JVM. Starts the Sluice server, a KRaft broker and
 * a Connect worker with the packaged Sluice plugin, then
 * <ol>
 *   <li>puts the seed producer's people into {@code AndersonStream} through the Kinesis API;</li>
 *   <li>deploys the source connector with the seed's pump SQL, so only the {@code gender = 'M'} rows reach the
 *       topic {@code anderson-males}, as structs of the pump's {@code AndersonStream};</li>
 *   <li>deploys the sink connector copying that topic into the stream {@code AndersonMales};</li>
 *   <li>reads {@code AndersonMales} back like the seed's consumer and prints it.</li>
 * </ol>
 * The connectors are the example bodies {@code config/connect/anderson-source.json} and {@code anderson-sink.json},
 * and the SQL is {@code config/pump/anderson-filter.sql}; the names above come from them.
 * The run ends with a summary. With {@code --stay} everything keeps running and the endpoints and commands to try are
 * printed.
 */
public final class Quickstart implements AutoCloseable {

    static final String ACCESS_KEY_ID = "AKIASLUICEQUICKSTART";
    static final String SECRET_ACCESS_KEY = "sluice-secret";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final LocalServices services;
    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final ConnectorConfigs source;
    private final ConnectorConfigs sink;
    private final Summary summary;

    private Quickstart(LocalServices services, Path dataDir, boolean temporaryDataDir, ConnectorConfigs source,
                       ConnectorConfigs sink, Summary summary) {
        this.services = services;
        this.dataDir = dataDir;
        this.temporaryDataDir = temporaryDataDir;
        this.source = source;
        this.sink = sink;
        this.summary = summary;
    }

    public static void main(String[] args) {
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("quickstart: " + e.getMessage());
            System.err.println(QuickstartOptions.USAGE);
            System.exit(64);
            return;
        }
        Quickstart quickstart;
        try {
            quickstart = run(options, System.out);
        } catch (Exception e) {
            System.err.println("quickstart failed: " + e.getMessage());
            System.err.println("(the services' log: " + System.getProperty("sluice.quickstart.log", "quickstart.log") + ")");
            System.exit(1);
            return;
        }
        if (!options.stay()) {
            quickstart.close();
            System.exit(0);
        }
        quickstart.printCommands(System.out);
        Thread shutdown = new Thread(() -> {
            // Kafka's test kit deletes the broker's temporary directories from its own shutdown hook, racing this
            // one: the broker's complaints about vanished files are noise while the process exits.
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
            quickstart.close();
        }, "quickstart-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        // Enter stops everything in order; Ctrl-C (or SIGTERM) goes through the shutdown hook. Without input (stdin
        // closed or at its end) only a signal stops it.
        if (!readLine()) {
            waitForever();
        }
        Runtime.getRuntime().removeShutdownHook(shutdown);
        quickstart.close();
        System.exit(0);
    }

    /** Reads up to a newline; false when standard input ends (or fails) first. */
    private static boolean readLine() {
        try {
            int c;
            do {
                c = System.in.read();
            } while (c != -1 && c != '\n');
            return c == '\n';
        } catch (IOException e) {
            return false;
        }
    }

    private static void waitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the services and plays the scenario, narrating to {@code out}. On success the services keep running
     * until {@link #close()}; on failure they are stopped and the exception says which step failed.
     */
    public static Quickstart run(QuickstartOptions options, PrintStream out) throws Exception {
        Progress progress = new Progress(out);
        boolean temporary = options.dataDir().isEmpty();
        Path dataDir = temporary ? Files.createTempDirectory("sluice-quickstart-") : options.dataDir().get();
        LocalServices services = LocalServices.start(dataDir, options.pluginPath(), options.freePorts(),
                options.kafkaStorage(), progress);
        try (KinesisClient kinesis = kinesisClient(services.kinesisEndpoint())) {
            ConnectRest connect = new ConnectRest(services.connectUrl());
            progress.step("Plugins on the worker: " + sluicePlugins(connect));
            ConnectorConfigs source = ConnectorConfigs.load(options.connectorFile(ConnectorConfigs.SOURCE_FILE),
                    services.kinesisEndpoint(), options.sqlFile());
            ConnectorConfigs sink = ConnectorConfigs.load(options.connectorFile(ConnectorConfigs.SINK_FILE),
                    services.kinesisEndpoint(), options.sqlFile());

            progress.step("1. Producer: putting " + options.people() + " people into " + source.stream()
                    + " (PutRecord, partition key '" + SeedProducer.PARTITION_KEY + "')");
            List<ObjectNode> people = new SeedProducer(kinesis, 2026).produce(source.stream(), options.people(), progress);
            int males = (int) people.stream().filter(p -> "M".equals(p.path("gender").asText())).count();

            progress.step("2. Source connector " + source.name() + ": " + source.stream() + " -> pump ("
                    + options.sqlFile() + ") -> topic " + source.topic());
            deploy(connect, source, progress);
            List<JsonNode> onTopic = TopicReader.read(services.bootstrapServers(), source.topic(), males, STEP_TIMEOUT);
            progress.detail(onTopic.size() + " records reached " + source.topic() + " (the pump passed "
                    + onTopic.size() + " of " + people.size() + ", filtered out " + (people.size() - onTopic.size()) + ")");
            expect(onTopic.size(), males, "records on " + source.topic());

            progress.step("3. Sink connector " + sink.name() + ": topic " + sink.topic() + " -> " + sink.stream());
            Streams.createIfMissing(kinesis, sink.stream(), 1);
            deploy(connect, sink, progress);
            List<Record> landed = awaitStream(kinesis, sink.stream(), males);
            progress.detail(landed.size() + " records landed in " + sink.stream());

            progress.step("4. Consumer: reading " + sink.stream() + " (GetShardIterator TRIM_HORIZON + GetRecords)");
            for (Record record : landed) {
                progress.detail(record.data().asUtf8String());
            }
            expect(landed.size(), males, "records in " + sink.stream());

            Summary summary = new Summary(people.size(), onTopic.size(), people.size() - onTopic.size(),
                    landed.size(), progress.seconds());
            progress.line(String.format(Locale.ROOT, "%nSummary: put %d, passed the pump %d, filtered out %d, landed %d"
                            + " — in %.1f s", summary.put(), summary.passed(), summary.filteredOut(), summary.landed(),
                    summary.seconds()));
            return new Quickstart(services, dataDir, temporary, source, sink, summary);
        } catch (Exception | Error e) {
            services.close();
            if (temporary) {
                deleteTree(dataDir);
            }
            throw e;
        }
    }

    public Summary summary() {
        return summary;
    }

    public URI kinesisEndpoint() {
        return services.kinesisEndpoint();
    }

    /** The web console of the run's server. */
    public URI console() {
        return services.console();
    }

    public String bootstrapServers() {
        return services.bootstrapServers();
    }

    public URI connectUrl() {
        return services.connectUrl();
    }

    /** Stops the worker, the broker and the server, and deletes a temporary data directory. */
    @Override
    public void close() {
        try {
            services.close();
        } finally {
            if (temporaryDataDir) {
                deleteTree(dataDir);
            }
        }
    }

    /**
     * The commands {@code --stay} prints for pasting into a shell, in order, pointed at this run's services (the
     * seed's AWS CLI commands, curl against the Connect REST API, kcat on the topic).
     */
    public List<String> commandsToTry() {
        return new CommandsToTry(services.kinesisEndpoint(), services.connectUrl(), services.bootstrapServers(),
                source, sink).lines();
    }

    private void printCommands(PrintStream out) {
        out.println();
        out.println("Everything keeps running (--stay). Endpoints:");
        out.println("  Kinesis API   " + services.kinesisEndpoint() + "   (any access key; region us-east-1)");
        out.println("  Kafka         " + services.bootstrapServers());
        out.println("  Connect REST  " + services.connectUrl());
        out.println("  Web console   " + services.console() + "   (streams, shards, newest records, the pump on live data)");
        out.println();
        out.println("Try (the seed's commands, pointed here):");
        for (String command : commandsToTry()) {
            out.println("  " + command);
        }
        out.println();
        out.println("Enter (or Ctrl-C) stops everything.");
        out.flush();
    }

    private static void deploy(ConnectRest connect, ConnectorConfigs connector, Progress progress)
            throws InterruptedException {
        connect.put("/connectors/" + connector.name() + "/config", connector.config());
        progress.detail(connector.name() + " " + connect.awaitRunning(connector.name(), STEP_TIMEOUT));
    }

    private static KinesisClient kinesisClient(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    private static String sluicePlugins(ConnectRest connect) {
        StringBuilder plugins = new StringBuilder();
        for (JsonNode plugin : connect.get("/connector-plugins?connectorsOnly=false")) {
            String name = plugin.path("class").asText();
            if (name.startsWith("io.sluice.")) {
                if (!plugins.isEmpty()) {
                    plugins.append(", ");
                }
                plugins.append(name.substring(name.lastIndexOf('.') + 1)).append(' ')
                        .append(plugin.path("version").asText());
            }
        }
        if (plugins.isEmpty()) {
            throw new IllegalStateException("The worker found no Sluice plugin on its plugin.path");
        }
        return plugins.toString();
    }

    private static List<Record> awaitStream(KinesisClient kinesis, String stream, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        List<Record> records = Streams.readAll(kinesis, stream);
        while (records.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            records = Streams.readAll(kinesis, stream);
        }
        return records;
    }

    private static void expect(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException("Expected " + expected + " " + what + " but found " + actual);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("quickstart: could not delete " + root + ": " + e.getMessage());
        }
    }
}
