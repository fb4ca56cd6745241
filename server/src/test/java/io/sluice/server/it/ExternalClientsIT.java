package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.server.testing.SluiceServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients nobody here wrote, from Debian's packages (installed by {@code .ci/run}): the seed's AWS CLI commands
 * (section 2.1), the seed's boto 2 producer and consumer (section 2.3) and a boto3 round trip, each run as a
 * child process against a real server.
 */
class ExternalClientsIT {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SluiceServerExtension server;
    private static String endpoint;

    @BeforeAll
    static void start() {
        assertThat(AWS).as("the AWS CLI from Debian's awscli package; .ci/run installs it").isExecutable();
        assertThat(PYTHON).as("Debian's python3 with python3-boto and python3-boto3; .ci/run installs them").isExecutable();
        // Default settings, Kinesis's limits on: the seed's consumer calls GetRecords in a tight loop, and the
        // burst GetRecords admits (10 calls, then 5/s) lets its six calls through as AWS's network spacing does.
        server = SluiceServerExtension.builder().start();
        endpoint = server.server().endpoint().toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSeedsCliCommandsWorkAgainstSluice() throws Exception {
        aws("create-stream", "--stream-name", "Test", "--shard-count", "1");
        JsonNode summary = JSON.readTree(aws("describe-stream-summary", "--stream-name", "Test"));
        JsonNode put = JSON.readTree(aws("put-record", "--stream-name", "Test", "--partition-key", "123", "--data", "testdata"));
        String iterator = aws("get-shard-iterator", "--shard-id", "shardId-000000000000", "--shard-iterator-type",
                "TRIM_HORIZON", "--stream-name", "Test", "--query", "ShardIterator", "--output", "text").trim();
        JsonNode records = JSON.readTree(aws("get-records", "--shard-iterator", iterator));

        assertThat(summary.at("/StreamDescriptionSummary/StreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(summary.at("/StreamDescriptionSummary/OpenShardCount").asInt()).isEqualTo(1);
        assertThat(put.path("ShardId").asText()).isEqualTo("shardId-000000000000");
        JsonNode record = records.at("/Records/0");
        assertThat(record.path("PartitionKey").asText()).isEqualTo("123");
        // CLI v2 reads --data as base64 and prints Data as base64: the same text comes back.
        assertThat(record.path("Data").asText()).isEqualTo("testdata");
        assertThat(record.path("SequenceNumber").asText()).isEqualTo(put.path("SequenceNumber").asText());
    }

    @Test
    void theSeedsBotoProducerAndConsumerWorkAgainstSluice() throws Exception {
        String host = server.server().endpoint().getHost();
        String port = Integer.toString(server.server().endpoint().getPort());

        List<String> lines = ClientProcess.run(List.of(PYTHON.toString(), ClientProcess.script("seed_boto.py"), host, port, "50"), Map.of());

        assertThat(lines).hasSize(50);
        for (int i = 0; i < 50; i++) {
            JsonNode row = JSON.readTree(lines.get(i));
            assertThat(row.path("i").asInt()).as("consumer reads in put order").isEqualTo(i);
            assertThat(row.path("gender").asText()).isIn("M", "F");
        }
    }

    @Test
    void aBoto3ProducerAndConsumerRoundTrip() throws Exception {
        List<String> lines = ClientProcess.run(List.of(PYTHON.toString(), ClientProcess.script("boto3_roundtrip.py"), endpoint, "boto3-stream", "100"),
                Map.of());

        assertThat(lines).hasSize(100);
        assertThat(lines.stream().map(l -> l.split("\t")[1]).toList())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).mapToObj(i -> "boto3-" + i).toList());
    }

    private static String aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", endpoint, "kinesis"));
        command.addAll(List.of(args));
        return String.join("\n", ClientProcess.run(command, Map.of("AWS_DEFAULT_REGION", "us-east-2")));
    }
}
