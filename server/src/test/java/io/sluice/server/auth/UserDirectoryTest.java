package io.sluice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The auth config file: its policies follow the same rules as PutResourcePolicy's, checked at start. */
class UserDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheShippedExample() {
        UserDirectory users = UserDirectory.load(Path.of("..", "config", "server", "auth.json"));

        assertThat(users.byAccessKey("AKIASLUICESEED000001").credentials().userName()).isEqualTo("seed-user");
        assertThat(users.byAccessKey("AKIASLUICESEED000001").policies()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"users\": [{\"name\": \"u\", \"accessKeyId\": \"K\", \"secretAccessKey\": \"S\", \"policies\": [{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}, {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {}}}]}]} | user 'u', policy 2: The statement 1 has a Condition, which Sluice does not evaluate; remove it or express the rule with Action and Resource",
            "{\"users\": [{\"name\": \"u\", \"accessKeyId\": \"K\", \"secretAccessKey\": \"S\", \"policy\": []}]} | user 'u' has an unknown element \"policy\"; a user has name, accessKeyId, secretAccessKey, policies",
            "{\"users\": [{\"name\": \"u\", \"accessKeyId\": \"K\", \"secretAccessKey\": \"S\", \"policies\": {}}]} | user 'u' has \"policies\" that is not a list: write [{...}, ...]",
            "{\"users\": [{\"name\": \"u\", \"accessKeyId\": \"K\", \"accessKeyId\": \"L\", \"secretAccessKey\": \"S\"}]} | not valid JSON: Duplicate field 'accessKeyId' (line 1, column 59)"})
    void refusesAConfigItWouldNotEnforceAsWritten(String config, String problem) throws Exception {
        Path file = Files.writeString(dir.resolve("auth.json"), config);

        assertThatThrownBy(() -> UserDirectory.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid auth config " + file + ": " + problem);
    }
}
