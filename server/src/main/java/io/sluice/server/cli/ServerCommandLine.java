package io.sluice.server.cli;

import io.sluice.server.ServerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads {@code sluice-server}'s arguments: {@code --config FILE} (a properties file with the flag names as keys)
 * first, then {@code --name value} flags, which win. Every mistake is an {@link IllegalArgumentException} whose
 * message names the flag.
 */
public final class ServerCommandLine {

    public static final String USAGE = ServerSettings.helpText();

    private ServerCommandLine() {
    }

    /** The configuration the arguments describe; {@code null} when help was asked for. */
    public static ServerConfig parse(String... args) {
        ServerConfig config = ServerConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return null;
            }
            if (args[i].equals("--config")) {
                config = fromFile(config, Path.of(value(args, i++)));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + flag + "'");
            }
            String value = value(args, i++);
            if (!flag.equals("--config")) {
                config = apply(config, flag.substring(2), value, flag);
            }
        }
        return config.validated();
    }

    private static ServerConfig fromFile(ServerConfig config, Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            config = apply(config, name, properties.getProperty(name).trim(), name + " in " + file);
        }
        return config;
    }

    private static ServerConfig apply(ServerConfig config, String name, String value, String where) {
        try {
            return config.with(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String value(String[] args, int flagIndex) {
        if (flagIndex + 1 >= args.length || args[flagIndex + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[flagIndex] + " needs a value");
        }
        return args[flagIndex + 1];
    }
}
