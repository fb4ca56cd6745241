package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.testing.SluiceServerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enhanced fan-out through boto3's {@code subscribe_to_shard} (Debian's python3-boto3, installed by
 * {@code bin/setup-test-clients}): HTTP/1.1 with a chunked event stream, which botocore reads only when it starts with
 * an {@code initial-response} event. The script ({@code clients/boto3_fanout.py}) runs every scenario of
 * {@link FanOutScenarios} and prints one JSON line each: every starting position, records written live across the
 * clean ends after the lifetime (here 12 s) and the resubscribes from the continuation number, a backlog in several
 * events, the takeover rules, the last event of a closed shard, and an error mid-stream.
 */
class FanOutBoto3IT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static SluiceServerExtension server;

    @BeforeAll
    static void start() {
        assertThat(PYTHON).as("Debian's python3 with python3-boto3; bin/setup-test-clients installs it").isExecutable();
        server = SluiceServerExtension.builder()
                .configure(config -> config.withLimits(false).withSubscriptionLifetime(12_000)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void boto3SubscribesAtEveryPositionResumesIsTakenOverFollowsAShardToItsEndAndSeesErrors() throws Exception {
        FanOutScenarios.check(run(), "py");
    }

    private static Map<String, JsonNode> run() throws Exception {
        return ClientProcess.byCase(ClientProcess.run(List.of(PYTHON.toString(), ClientProcess.script("boto3_fanout.py"),
                server.server().endpoint().toString()), Map.of()));
    }
}
