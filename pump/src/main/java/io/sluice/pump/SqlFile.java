package io.sluice.pump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads {@code pump.sql.file} for the transform, which runs with the worker's file permissions on a path the
 * connector's author chose — and the author is not necessarily the worker's operator. So:
 * <ul>
 *   <li>the operator confines the file to directories with the JVM system property
 *       {@value #ALLOWED_PATHS_PROPERTY} (comma-separated absolute directories, e.g.
 *       {@code KAFKA_OPTS=-Dsluice.pump.sql.allowed.paths=/etc/sluice/pump}), which a connector configuration
 *       cannot change — Kafka's own {@code org.apache.kafka.automatic.config.providers} works the same way. A path
 *       outside them, also through a symbolic link, is refused before it is opened. Unset, any path is read, as
 *       Kafka's FileConfigProvider reads any path without {@code allowed.paths};</li>
 *   <li>only a regular file of at most {@value #MAX_BYTES} bytes of UTF-8 is read (not /dev/zero, not a FIFO);</li>
 *   <li>a file that does not start with {@code CREATE} (after blanks, comments and semicolons) is not pump SQL,
 *       and is refused without a word of its content: parse errors quote the offending line, and quoting
 *       /etc/shadow back through the Connect REST API would leak it.</li>
 * </ul>
 * Every refusal is a {@link ConfigException} on {@code pump.sql.file}. Stateless.
 */
final class SqlFile {

    /** The worker-level JVM system property listing the directories SQL files may be read from. */
    static final String ALLOWED_PATHS_PROPERTY = "sluice.pump.sql.allowed.paths";
    /** The largest SQL file read; KDA applications are a few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;

    private SqlFile() {
    }

    /**
     * The SQL in {@code configured}, read under the restrictions above.
     *
     * @param allowedPaths the value of {@value #ALLOWED_PATHS_PROPERTY}, or null when unset
     */
    static String read(String configured, String allowedPaths) {
        List<Path> allowed = allowedDirectories(allowedPaths);
        Path path;
        try {
            path = Path.of(configured.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw refuse(configured, "not a valid path: " + e.getReason());
        }
        if (allowed != null) {
            if (!insideAny(path, allowed)) {
                throw refuse(configured, "outside the directories the worker allows SQL files in (system property "
                        + ALLOWED_PATHS_PROPERTY + "=" + allowedPaths.trim() + ")");
            }
            try {
                path = path.toRealPath();
            } catch (IOException e) {
                throw refuse(configured, "cannot read the SQL file: " + e);
            }
            if (!insideAny(path, allowed)) {
                throw refuse(configured, "leads outside the directories the worker allows SQL files in through a"
                        + " symbolic link");
            }
        }
        String sql = decode(configured, readBounded(configured, path, allowed != null));
        if (!startsWithCreate(sql)) {
            throw refuse(configured, "does not start with CREATE (after blanks and comments), so it is not pump SQL;"
                    + " its content is not shown");
        }
        return sql;
    }

    /** The allowed directories, absolute and with symbolic links resolved where they exist; null when unset. */
    private static List<Path> allowedDirectories(String allowedPaths) {
        if (allowedPaths == null || allowedPaths.isBlank()) {
            return null;
        }
        List<Path> out = new ArrayList<>();
        for (String entry : allowedPaths.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Path dir = Path.of(trimmed);
            if (!dir.isAbsolute()) {
                throw new ConfigException("The worker's system property " + ALLOWED_PATHS_PROPERTY + " lists '"
                        + trimmed + "', which is not an absolute directory, so " + PumpConfig.SQL_FILE_CONFIG
                        + " cannot be checked against it");
            }
            dir = dir.normalize();
            try {
                out.add(dir.toRealPath());
            } catch (IOException e) {
                out.add(dir); // a directory that does not exist yet allows nothing now, but is not an error
            }
        }
        return out;
    }

    private static boolean insideAny(Path path, List<Path> directories) {
        for (Path dir : directories) {
            if (path.startsWith(dir) && !path.equals(dir)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readBounded(String configured, Path path, boolean restricted) {
        LinkOption[] noFollow = restricted ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
        if (Files.exists(path, noFollow) && !Files.isRegularFile(path, noFollow)) {
            throw refuse(configured, "not a regular file");
        }
        try (InputStream in = Files.newInputStream(path, noFollow)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw refuse(configured, "larger than " + MAX_BYTES + " bytes, far more than pump SQL needs");
            }
            return bytes;
        } catch (IOException e) {
            throw refuse(configured, "cannot read the SQL file: " + e);
        }
    }

    private static String decode(String configured, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw refuse(configured, "not UTF-8 text, so it is not pump SQL; its content is not shown");
        }
    }

    /** Whether the first word after blanks, {@code --} and block comments and semicolons is CREATE. */
    static boolean startsWithCreate(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (sql.startsWith("--", i)) {
                while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        int end = i + "CREATE".length();
        return end <= sql.length() && sql.substring(i, end).toUpperCase(Locale.ROOT).equals("CREATE")
                && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_');
    }

    private static ConfigException refuse(String configured, String reason) {
        return new ConfigException(PumpConfig.SQL_FILE_CONFIG, configured, reason);
    }
}
