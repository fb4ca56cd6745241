package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client (the AWS CLI, a Python or Node script) as a child process to completion, within three minutes,
 * with test credentials and no AWS configuration files; returns its stdout lines, or fails showing its stderr.
 */
final class ClientProcess {

    private ClientProcess() {
    }

    static List<String> run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path err = Files.createTempFile("client-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                "AWS_EC2_METADATA_DISABLED", "true"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
            assertThat(process.exitValue()).as("%s failed: %s\n%s", command, Files.readString(err), out).isZero();
            return out.lines().toList();
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    /** A client script of {@code src/test/resources/clients}, as an absolute path. */
    static String script(String name) {
        return Path.of("src", "test", "resources", "clients", name).toAbsolutePath().toString();
    }

    /** The JSON lines a scenario script printed, by their {@code case}. */
    static Map<String, JsonNode> byCase(List<String> lines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> cases = new HashMap<>();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            cases.put(row.path("case").asText(), row);
        }
        return cases;
    }
}
