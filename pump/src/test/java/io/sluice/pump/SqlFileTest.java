package io.sluice.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pump.sql.file is read only inside the directories the worker allows, only as a small regular UTF-8 file, and a
 * file that is not pump SQL is refused without quoting any of it (issue #13).
 */
class SqlFileTest {

    private static final String SQL = TestResources.read("seed.sql");
    private static final String SHADOW = "root:$6$Vx9Secret$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n";

    @TempDir
    Path root;
    private Path allowed;
    private Path outside;

    @BeforeEach
    void directories() throws IOException {
        allowed = Files.createDirectory(root.resolve("allowed"));
        outside = Files.createDirectory(root.resolve("outside"));
    }

    @Test
    void readsSqlInsideAnAllowedDirectory() throws IOException {
        Path file = Files.writeString(allowed.resolve("app.sql"), SQL);

        assertThat(SqlFile.read(file.toString(), "/nonexistent, " + allowed)).isEqualTo(SQL);
        assertThat(SqlFile.read(file.toString(), null)).as("unset: any path").isEqualTo(SQL);
    }

    @Test
    void refusesAPathOutsideTheAllowedDirectoriesWithoutOpeningIt() throws IOException {
        Path file = Files.writeString(outside.resolve("app.sql"), SQL);
        String sneaky = allowed + "/../outside/app.sql";

        assertThatThrownBy(() -> SqlFile.read(file.toString(), allowed.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value " + file + " for configuration pump.sql.file: outside the directories the"
                        + " worker allows SQL files in (system property sluice.pump.sql.allowed.paths=" + allowed + ")");
        assertThatThrownBy(() -> SqlFile.read(sneaky, allowed.toString()))
                .hasMessageContaining("outside the directories the worker allows SQL files in");
        assertThatThrownBy(() -> SqlFile.read("/etc/shadow", allowed.toString()))
                .hasMessage("Invalid value /etc/shadow for configuration pump.sql.file: outside the directories the"
                        + " worker allows SQL files in (system property sluice.pump.sql.allowed.paths=" + allowed + ")");
    }

    @Test
    void refusesASymbolicLinkLeadingOutside() throws IOException {
        Path target = Files.writeString(outside.resolve("secret.sql"), SQL);
        Path link = Files.createSymbolicLink(allowed.resolve("link.sql"), target);

        assertThatThrownBy(() -> SqlFile.read(link.toString(), allowed.toString()))
                .hasMessage("Invalid value " + link + " for configuration pump.sql.file: leads outside the directories"
                        + " the worker allows SQL files in through a symbolic link");
    }

    @Test
    void refusesARelativeAllowedDirectory() {
        assertThatThrownBy(() -> SqlFile.read("/x.sql", "config/pump"))
                .hasMessage("The worker's system property sluice.pump.sql.allowed.paths lists 'config/pump', which"
                        + " is not an absolute directory, so pump.sql.file cannot be checked against it");
    }

    @Test
    void refusesWhatIsNotASmallRegularUtf8File() throws IOException {
        assertThatThrownBy(() -> SqlFile.read(allowed.toString(), null))
                .hasMessageEndingWith("for configuration pump.sql.file: not a regular file");
        if (Files.exists(Path.of("/dev/zero"))) {
            assertThatThrownBy(() -> SqlFile.read("/dev/zero", null))
                    .hasMessage("Invalid value /dev/zero for configuration pump.sql.file: not a regular file");
        }
        Path big = Files.writeString(allowed.resolve("big.sql"), "CREATE " + " ".repeat(SqlFile.MAX_BYTES));
        assertThatThrownBy(() -> SqlFile.read(big.toString(), allowed.toString()))
                .hasMessage("Invalid value " + big + " for configuration pump.sql.file: larger than 1048576 bytes, far"
                        + " more than pump SQL needs");
        Path binary = Files.write(allowed.resolve("binary.sql"), new byte[] {'C', 'R', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> SqlFile.read(binary.toString(), allowed.toString()))
                .hasMessage("Invalid value " + binary + " for configuration pump.sql.file: not UTF-8 text, so it is"
                        + " not pump SQL; its content is not shown");
        assertThatThrownBy(() -> SqlFile.read("app\0.sql", null))
                .hasMessage("Invalid value app\0.sql for configuration pump.sql.file: not a valid path: Nul character"
                        + " not allowed");
        assertThatThrownBy(() -> SqlFile.read(allowed.resolve("missing.sql").toString(), null))
                .hasMessageContaining("cannot read the SQL file: java.nio.file.NoSuchFileException: ");
    }

    @Test
    void aFileThatIsNotPumpSqlIsRefusedWithoutQuotingIt() throws IOException {
        Path shadow = Files.writeString(allowed.resolve("shadow"), SHADOW);

        assertThatThrownBy(() -> SqlFile.read(shadow.toString(), null))
                .hasMessage("Invalid value " + shadow + " for configuration pump.sql.file: does not start with CREATE"
                        + " (after blanks and comments), so it is not pump SQL; its content is not shown");
    }

    @Test
    void theTransformNeverEchoesANonSqlFileAndObeysTheWorkerProperty() throws IOException {
        Path shadow = Files.writeString(outside.resolve("shadow"), SHADOW, StandardCharsets.UTF_8);
        Path bad = Files.writeString(allowed.resolve("bad.sql"), "CREATE STREAM \"D\" (a STRING);");

        assertThatThrownBy(() -> configure(shadow)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root", "Secret", "daemon"));
        assertThatThrownBy(() -> configure(bad)).as("pump SQL: errors quote the line as usual")
                .hasMessageContaining("line 1:22: mismatched input 'STRING'. Expecting: <type>\n"
                        + "CREATE STREAM \"D\" (a STRING);");

        String saved = System.getProperty(SqlFile.ALLOWED_PATHS_PROPERTY);
        System.setProperty(SqlFile.ALLOWED_PATHS_PROPERTY, allowed.toString());
        try {
            assertThatThrownBy(() -> configure(shadow))
                    .hasMessageContaining("outside the directories the worker allows SQL files in");
            Path app = Files.writeString(allowed.resolve("app.sql"), SQL);
            configure(app);
        } finally {
            if (saved == null) {
                System.clearProperty(SqlFile.ALLOWED_PATHS_PROPERTY);
            } else {
                System.setProperty(SqlFile.ALLOWED_PATHS_PROPERTY, saved);
            }
        }
    }

    private static void configure(Path sqlFile) {
        new PumpTransform.Value<SourceRecord>().configure(Map.of(PumpConfig.SQL_FILE_CONFIG, sqlFile.toString()));
    }
}
