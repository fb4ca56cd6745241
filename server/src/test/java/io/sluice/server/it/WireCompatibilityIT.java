package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.testing.SluiceServerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS's wire details as real clients read them: boto3's paginators, waiters and error parsing
 * ({@code clients/boto3_api.py}) and the JavaScript SDK v3 over HTTP/2 ({@code clients/js_api.cjs}) — empty bodies
 * of actions without output, {@code EncryptionType} left out for unencrypted records, a SerializationException's
 * {@code Message}. {@link ProtocolIT} checks the same details byte for byte through raw HTTP.
 */
class WireCompatibilityIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String TYPE_ERROR = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be "
            + "converted to an String";

    private static SluiceServerExtension server;

    @BeforeAll
    static void start() throws Exception {
        assertThat(PYTHON).as("Debian's python3 with python3-boto3; bin/setup-test-clients installs it").isExecutable();
        FanOutJavaScriptIT.assertJavaScriptSdkInstalled();
        server = SluiceServerExtension.builder().configure(config -> config.withLimits(false)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void boto3PaginatesWaitsAndReadsErrorsAsFromAmazonKinesis() throws Exception {
        Map<String, JsonNode> cases = ClientProcess.byCase(ClientProcess.run(List.of(PYTHON.toString(),
                ClientProcess.script("boto3_api.py"), endpoint()), Map.of()));

        assertThat(cases.get("stream_exists").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(texts(cases.get("list_streams_pages").path("names")))
                .filteredOn(name -> name.startsWith("boto3-page")).as("other tests' streams aside")
                .containsExactly("boto3-page-0", "boto3-page-1", "boto3-page-2", "boto3-page-3", "boto3-page-4");
        List<String> threeShards = IntStream.range(0, 3).mapToObj(i -> "shardId-00000000000" + i).toList();
        assertThat(texts(cases.get("list_shards_pages").path("error"))).as("as Amazon Kinesis refuses botocore's "
                + "ListShards paginator").containsExactly("400", "InvalidArgumentException",
                "NextToken and StreamName cannot be provided together.");
        assertThat(texts(cases.get("list_stream_consumers_pages").path("names"))).containsExactly("c1", "c2", "c3");
        assertThat(texts(cases.get("describe_stream_pages").path("shards"))).isEqualTo(threeShards);
        assertThat(texts(cases.get("put_record").path("fields"))).containsExactly("SequenceNumber", "ShardId");
        assertThat(texts(cases.get("stream_not_exists").path("error"))).containsExactly("400",
                "ResourceNotFoundException", "Stream boto3-page-1 under account 000000000000 not found.");
        assertThat(texts(cases.get("type_error").path("error")))
                .containsExactly("400", "SerializationException", TYPE_ERROR);
        assertThat(texts(cases.get("validation_error").path("error"))).containsExactly("400", "ValidationException",
                "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member "
                        + "must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void theJavaScriptSdkPutsListsReadsAndReadsErrorsAsFromAmazonKinesis() throws Exception {
        Map<String, JsonNode> cases = ClientProcess.byCase(ClientProcess.run(List.of("node",
                ClientProcess.script("js_api.cjs"), endpoint()),
                Map.of("NODE_PATH", FanOutJavaScriptIT.NODE_MODULES.toString())));

        assertThat(texts(cases.get("create").path("fields"))).as("CreateStream has no output").isEmpty();
        assertThat(texts(cases.get("put").path("put_record"))).containsExactly("SequenceNumber", "ShardId");
        assertThat(cases.get("put").path("failed").asInt()).isZero();
        assertThat(cases.get("put").path("encryption").isNull()).isTrue();
        assertThat(texts(cases.get("list_shards").path("shards")))
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        assertThat(texts(cases.get("read").path("records"))).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 10).mapToObj(i -> "k" + i % 3 + ":r" + i).toList());
        assertThat(texts(cases.get("errors").path("missing"))).containsExactly("400", "ResourceNotFoundException",
                "Stream js-none under account 000000000000 not found.");
        assertThat(texts(cases.get("errors").path("type"))).containsExactly("400", "SerializationException", TYPE_ERROR);
    }

    private static String endpoint() {
        return server.server().endpoint().toString();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
