package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enhanced fan-out through boto3's {@code subscribe_to_shard} (Debian's python3-boto3, installed by
 * {@code bin/setup-test-clients}): HTTP/1.1 with a chunked event stream, which botocore reads only when it starts with
 * an {@code initial-response} event. The script ({@code clients/boto3_fanout.py}) runs every scenario and prints one
 * JSON line each: every starting position, the clean end after the lifetime (here 12 s) and the resubscribe from the
 * continuation number, the takeover rules, the last event of a closed shard, and an error mid-stream.
 */
class FanOutBoto3IT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static ServerRule server;

    @BeforeAll
    static void start() {
        assertThat(PYTHON).as("Debian's python3 with python3-boto3; bin/setup-test-clients installs it").isExecutable();
        server = new ServerRule(config -> config.withLimits(false).withSubscriptionLifetime(12_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void boto3SubscribesAtEveryPositionResumesIsTakenOverFollowsAShardToItsEndAndSeesErrors() throws Exception {
        Map<String, JsonNode> cases = run();

        assertThat(texts(cases.get("TRIM_HORIZON").path("data"))).containsExactly("a", "b", "c");
        assertThat(texts(cases.get("AT_SEQUENCE_NUMBER").path("data"))).containsExactly("b", "c");
        assertThat(texts(cases.get("AFTER_SEQUENCE_NUMBER").path("data"))).containsExactly("c");
        assertThat(texts(cases.get("AT_TIMESTAMP").path("data"))).containsExactly("b", "c");
        assertThat(texts(cases.get("LATEST").path("data"))).containsExactly("d");

        JsonNode resume = cases.get("resume");
        assertThat(texts(resume.path("first"))).containsExactly("1", "2");
        assertThat(texts(resume.path("second"))).as("resubscribed after the continuation number").containsExactly("3");

        assertThat(cases.get("takeover").path("refused").asText()).isEqualTo("ResourceInUseException");
        assertThat(cases.get("takeover").path("taken_over").asText()).isEqualTo("ResourceInUseException");

        JsonNode end = cases.get("shard_end");
        assertThat(texts(end.path("data"))).containsExactly("before");
        assertThat(end.path("children").toString()).isEqualTo("[[\"shardId-000000000001\",[\"shardId-000000000000\"]],"
                + "[\"shardId-000000000002\",[\"shardId-000000000000\"]]]");

        assertThat(cases.get("deleted").path("error").asText()).isEqualTo("ResourceNotFoundException");
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Map<String, JsonNode> run() throws Exception {
        return ClientProcess.byCase(ClientProcess.run(List.of(PYTHON.toString(), ClientProcess.script("boto3_fanout.py"),
                server.server().endpoint().toString()), Map.of()));
    }
}
