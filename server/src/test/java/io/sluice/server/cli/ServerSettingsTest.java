package io.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sluice.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerSettings} tells the truth: each listed setting is one the server reads, each stated default is the
 * server's default, and {@code server/README.md}'s table is the generated one. Regenerate the README's table with
 * {@code mvn -B -o -q test -pl server -Dtest=ServerSettingsTest -Dsluice.docs.regenerate=true}.
 */
class ServerSettingsTest {

    static final String BEGIN = "<!-- BEGIN GENERATED: ServerSettings (ServerSettingsTest) -->\n";
    static final String END = "<!-- END GENERATED -->";

    @Test
    void everyListedSettingIsReadByTheServer() {
        for (ServerSettings.Setting setting : ServerSettings.ALL) {
            assertThatCode(() -> ServerConfig.defaults().with(setting.name(), setting.example()))
                    .as("--%s %s", setting.name(), setting.example()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyStatedDefaultIsTheServersDefault() {
        for (ServerSettings.Setting setting : ServerSettings.ALL) {
            if (setting.defaultValue().isEmpty() || setting.name().equals("worker-threads")) {
                continue; // no default, or one that depends on the machine
            }
            assertThat(ServerConfig.defaults().with(setting.name(), setting.defaultValue()))
                    .as("the default of --%s", setting.name()).isEqualTo(ServerConfig.defaults());
        }
    }

    @Test
    void helpListsEverySetting() {
        for (ServerSettings.Setting setting : ServerSettings.ALL) {
            assertThat(ServerCommandLine.USAGE).contains("--" + setting.name() + " ");
        }
    }

    @Test
    void readmeTableIsTheGeneratedOne() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END, Math.max(begin, 0));
        assertThat(begin).as("README.md has the marker " + BEGIN.trim()).isNotNegative();
        assertThat(end).as("README.md has the marker " + END).isGreaterThan(begin);
        String generated = ServerSettings.markdownTable();
        if (Boolean.getBoolean("sluice.docs.regenerate")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(text.substring(begin + BEGIN.length(), end))
                .as("README.md's settings table is stale; regenerate it (see this test's javadoc)").isEqualTo(generated);
    }
}
