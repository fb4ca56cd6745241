package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enhanced fan-out through the AWS SDK for JavaScript v3 ({@code @aws-sdk/client-kinesis}, pinned and installed by
 * {@code bin/setup-test-clients}), whose default transport for Kinesis is HTTP/2 — here cleartext with prior
 * knowledge. The script ({@code clients/js_fanout.cjs}) runs the scenarios of {@link FanOutBoto3IT}.
 */
class FanOutJavaScriptIT {

    /** Where bin/setup-test-clients installs the npm packages (SLUICE_TEST_CLIENTS overrides the base). */
    static final Path NODE_MODULES = Path.of(System.getenv().getOrDefault("SLUICE_TEST_CLIENTS",
            System.getProperty("user.home") + "/.cache/sluice-test-clients"), "node", "node_modules");
    private static ServerRule server;

    @BeforeAll
    static void start() {
        assertThat(NODE_MODULES.resolve("@aws-sdk/client-kinesis"))
                .as("the JavaScript SDK; bin/setup-test-clients installs it").isDirectory();
        server = new ServerRule(config -> config.withLimits(false).withSubscriptionLifetime(12_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theJavaScriptSdkSubscribesOverHttp2ResumesIsTakenOverFollowsAShardToItsEndAndSeesErrors() throws Exception {
        Map<String, JsonNode> cases = run();

        assertThat(texts(cases.get("TRIM_HORIZON").path("data"))).containsExactly("a", "b", "c");
        assertThat(texts(cases.get("AT_SEQUENCE_NUMBER").path("data"))).containsExactly("b", "c");
        assertThat(texts(cases.get("AFTER_SEQUENCE_NUMBER").path("data"))).containsExactly("c");
        assertThat(texts(cases.get("LATEST").path("data"))).containsExactly("d");
        assertThat(texts(cases.get("AT_TIMESTAMP").path("data"))).containsExactly("d");

        JsonNode resume = cases.get("resume");
        assertThat(texts(resume.path("first"))).containsExactly("1", "2");
        assertThat(resume.path("ended").asText()).as("the lifetime ends the stream cleanly").isEqualTo("none");
        assertThat(texts(resume.path("second"))).as("resubscribed after the continuation number").containsExactly("3");

        assertThat(cases.get("takeover").path("refused").asText()).isEqualTo("ResourceInUseException");
        assertThat(cases.get("takeover").path("taken_over").asText()).isEqualTo("ResourceInUseException");

        JsonNode end = cases.get("shard_end");
        assertThat(texts(end.path("data"))).containsExactly("before");
        assertThat(end.path("continuation").isNull()).isTrue();
        assertThat(end.path("children").toString()).isEqualTo("[[\"shardId-000000000001\",[\"shardId-000000000000\"]],"
                + "[\"shardId-000000000002\",[\"shardId-000000000000\"]]]");

        assertThat(cases.get("deleted").path("error").asText()).isEqualTo("ResourceNotFoundException");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Map<String, JsonNode> run() throws Exception {
        return ClientProcess.byCase(ClientProcess.run(List.of("node", ClientProcess.script("js_fanout.cjs"),
                server.server().endpoint().toString()), Map.of("NODE_PATH", NODE_MODULES.toString())));
    }
}
