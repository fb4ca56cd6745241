package io.sluice.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bin/quickstart} was asked to do.
 *
 * @param stay        keep everything running after the scenario and print ready-to-paste commands
 * @param dataDir     the server's data directory; empty means a fresh temporary directory, deleted at exit
 * @param pluginPath  the worker's {@code plugin.path}: the directory holding the unpacked Sluice plugin
 * @param configDir   the checkout's {@code config/}: the connectors' REST bodies and the pump's SQL
 * @param people      how many records the producer puts
 * @param freePorts   take any free loopback ports instead of the usual 4567 (Kinesis), 8083 (Connect REST) and 9400
 *                    (the server's admin listener with the web console)
 * @param kafkaStorage the server keeps its streams in the quickstart's Kafka broker ({@code --storage kafka})
 */
public record QuickstartOptions(boolean stay, Optional<Path> dataDir, Path pluginPath, Path configDir, int people,
                                boolean freePorts, boolean kafkaStorage) {

    public static final int DEFAULT_PEOPLE = 50;
    static final String USAGE = """
            usage: bin/quickstart [--stay] [--data-dir DIR] [--people N] [--free-ports] [--storage local|kafka]
              --stay        keep the server, broker and worker running and print commands to try (Ctrl-C stops)
              --data-dir    the stream server's data directory (default: a fresh temporary one)
              --people      how many people the producer puts into AndersonStream (default 50)
              --free-ports  use any free ports instead of 4567 (Kinesis API), 8083 (Connect REST), 9400 (console)
              --storage     where the server keeps streams: local (its data directory, the default) or kafka
                            (the quickstart's broker: each stream a topic next to the connectors' topics)
              --plugin-path, --config-dir  where the packaged plugin and config/ are (bin/quickstart sets both)""";

    /** Parses the command line; throws {@link IllegalArgumentException} with the reason for bad usage. */
    public static QuickstartOptions parse(String... args) {
        boolean stay = false;
        boolean freePorts = false;
        boolean kafkaStorage = false;
        Optional<Path> dataDir = Optional.empty();
        Path pluginPath = Path.of("quickstart", "target", "plugin");
        Path configDir = Path.of("config");
        int people = DEFAULT_PEOPLE;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--stay" -> stay = true;
                case "--free-ports" -> freePorts = true;
                case "--data-dir" -> dataDir = Optional.of(Path.of(value(args, ++i, arg)));
                case "--plugin-path" -> pluginPath = Path.of(value(args, ++i, arg));
                case "--config-dir" -> configDir = Path.of(value(args, ++i, arg));
                case "--people" -> people = positive(value(args, ++i, arg), arg);
                case "--storage" -> kafkaStorage = storage(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (!Files.isDirectory(pluginPath)) {
            throw new IllegalArgumentException("--plugin-path " + pluginPath + " is not a directory: build the plugin "
                    + "first (bin/quickstart does: mvn -pl quickstart -am package)");
        }
        for (Path needed : List.of(connectorFile(configDir, ConnectorConfigs.SOURCE_FILE),
                connectorFile(configDir, ConnectorConfigs.SINK_FILE), sqlFile(configDir))) {
            if (!Files.isRegularFile(needed)) {
                throw new IllegalArgumentException("--config-dir " + configDir + " lacks " + needed);
            }
        }
        return new QuickstartOptions(stay, dataDir, pluginPath, configDir, people, freePorts, kafkaStorage);
    }

    private static boolean storage(String value) {
        return switch (value) {
            case "local" -> false;
            case "kafka" -> true;
            default -> throw new IllegalArgumentException("--storage " + value + " is not one of: local, kafka");
        };
    }

    Path sqlFile() {
        return sqlFile(configDir);
    }

    Path connectorFile(String name) {
        return connectorFile(configDir, name);
    }

    private static Path sqlFile(Path configDir) {
        return configDir.resolve("pump").resolve("anderson-filter.sql");
    }

    private static Path connectorFile(Path configDir, String name) {
        return configDir.resolve("connect").resolve(name);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, not '" + text + "'");
    }
}
