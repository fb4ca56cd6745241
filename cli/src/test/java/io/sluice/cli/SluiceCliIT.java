package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.testing.SluiceServerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * {@code sluice streams | tail | put} run in-process against a real Sluice server: what each prints, across a
 * split, following new records, and each error with its message and exit code. Credentials come from the AWS SDK's
 * chain (here its system properties), the region from the default for an endpoint of one's own.
 */
class SluiceCliIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    private static KinesisClient admin;

    /** What one command line printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        admin = KinesisClient.builder().endpointOverride(SLUICE.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @AfterAll
    static void clear() {
        admin.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void streamsListsEveryStreamWithItsShardsAndStatus() {
        create("listed-a", 2);
        admin.createStream(r -> r.streamName("listed-b").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        admin.waiter().waitUntilStreamExists(r -> r.streamName("listed-b"));

        Result result = sluice("", "streams", "--endpoint-url", SLUICE.endpoint().toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines().get(0)).matches("NAME +STATUS +MODE +OPEN SHARDS +RETENTION");
        assertThat(result.lines()).anyMatch(l -> l.matches("listed-a +ACTIVE +PROVISIONED +2 +24h"))
                .anyMatch(l -> l.matches("listed-b +ACTIVE +ON_DEMAND +4 +24h"));
    }

    @Test
    void putsJsonLinesKeyedByAFieldAndTailsThemBackAsJson() {
        create("people", 2);
        String lines = """
                {"user": "ann", "n": 1}
                {"user": "bob", "n": 1}
                {"user": "ann", "n": 2}
                """;
        Result put = sluice(lines, "put", "people", "--key-field", "user", "--endpoint-url", SLUICE.endpoint().toString());
        assertThat(put.exitCode()).isZero();
        assertThat(put.err()).isEqualTo("put 3 records to people in 1 calls, 0 retried\n");

        Result tail = sluice("", "tail", "people", "--format", "json", "--endpoint-url", SLUICE.endpoint().toString());

        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(tail.lines()).hasSize(3)
                .allMatch(l -> l.matches("\\{\"shard\":\"shardId-00000000000[01]\",\"sequenceNumber\":\"\\d{45}\","
                        + "\"partitionKey\":\"(ann|bob)\",\"arrival\":\"[^\"]+\",\"data\":\\{\"user\":\"(ann|bob)\",\"n\":[12]}}"));
        assertThat(tail.lines().stream().filter(l -> l.contains("\"partitionKey\":\"ann\"")).toList())
                .as("in order per key").hasSize(2).first().asString().contains("\"n\":1");
    }

    @Test
    void tailsAChildShardAfterItsParentAcrossASplit() {
        create("split", 1);
        sluice("1\n2\n3\n", "put", "split", "--key", "k", "--endpoint-url", SLUICE.endpoint().toString());
        Shard parent = admin.listShards(r -> r.streamName("split")).shards().get(0);
        BigInteger middle = new BigInteger(parent.hashKeyRange().endingHashKey()).shiftRight(1);
        admin.splitShard(r -> r.streamName("split").shardToSplit(parent.shardId()).newStartingHashKey(middle.toString()));
        sluice("4\n5\n", "put", "split", "--key", "k", "--endpoint-url", SLUICE.endpoint().toString());

        Result tail = sluice("", "tail", "split", "--endpoint-url", SLUICE.endpoint().toString());

        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(tail.lines()).extracting(l -> l.split("\t")[3]).containsExactly("1", "2", "3", "4", "5");
        assertThat(tail.lines().get(0)).startsWith("shardId-000000000000\t");
        assertThat(tail.lines().get(4)).matches("shardId-00000000000[12]\t\\d{45}\tk\t5");
    }

    @Test
    void followsNewRecordsAsTheyAreWritten() throws Exception {
        create("followed", 1);
        CompletableFuture<Result> following = CompletableFuture.supplyAsync(() -> sluice("", "tail", "followed",
                "--from", "latest", "--follow", "--max-records", "2", "--format", "raw",
                "--endpoint-url", SLUICE.endpoint().toString()));
        Thread.sleep(1_500); // the tail has its LATEST iterators
        sluice("first\nsecond\n", "put", "followed", "--endpoint-url", SLUICE.endpoint().toString());

        Result result = following.get(60, TimeUnit.SECONDS);
        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).containsExactly("first", "second");
    }

    @Test
    void saysClearlyWhatWentWrongWithItsExitCode() {
        Result unreachable = sluice("", "streams", "--endpoint-url", "http://127.0.0.1:1");
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).isEqualTo("sluice: cannot reach http://127.0.0.1:1 (Connection refused)\n");

        Result missing = sluice("", "tail", "nope", "--endpoint-url", SLUICE.endpoint().toString());
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).isEqualTo("sluice: stream 'nope' does not exist at " + SLUICE.endpoint() + "\n");

        create("strict", 1);
        Result badLine = sluice("{\"user\": \"ann\"}\nnot json\n{\"user\": \"bob\"}\n", "put", "strict", "--key-field",
                "user", "--endpoint-url", SLUICE.endpoint().toString());
        assertThat(badLine.exitCode()).isEqualTo(65);
        assertThat(badLine.err()).isEqualTo("put 1 records to strict in 1 calls, 0 retried\n"
                + "sluice: line 2 is not JSON, so it has no field 'user' for the partition key\n");

        Result tooBig = sluice("x".repeat(PutCommand.MAX_RECORD_BYTES) + "\n", "put", "strict", "--key", "k",
                "--endpoint-url", SLUICE.endpoint().toString());
        assertThat(tooBig.exitCode()).isEqualTo(65);
        assertThat(tooBig.err()).endsWith("sluice: line 1: a record of 1048577 bytes (data and partition key) is over "
                + "Kinesis's limit of 1048576\n");
    }

    @Test
    void refusesABadCommandLineWithUsage() {
        Result noStream = sluice("", "tail");
        assertThat(noStream.exitCode()).isEqualTo(64);
        assertThat(noStream.err()).startsWith("Missing required parameter: 'STREAM'\nUsage: sluice tail ");

        Result badFormat = sluice("", "tail", "s", "--format", "yaml");
        assertThat(badFormat.exitCode()).isEqualTo(64);
        assertThat(badFormat.err()).startsWith("--format: 'yaml' is not one of text, json, raw\n");

        Result badFrom = sluice("", "tail", "s", "--from", "yesterday");
        assertThat(badFrom.exitCode()).isEqualTo(64);
        assertThat(badFrom.err()).startsWith("--from: 'yesterday' is not trim-horizon, latest or an ISO-8601 instant");

        Result noCommand = sluice("");
        assertThat(noCommand.exitCode()).isEqualTo(64);
        assertThat(noCommand.err()).startsWith("a command is required: streams, tail or put\n");
    }

    @Test
    void explainsEachCommandAndTheExitCodes() {
        for (String command : new String[] {"streams", "tail", "put"}) {
            Result help = sluice("", command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).startsWith("Usage: sluice " + command).contains("--endpoint-url=URL")
                    .contains("Exit codes: 0 done; 1 Kinesis refused a call; 3 the endpoint cannot be reached;");
        }
    }

    private static void create(String stream, int shards) {
        admin.createStream(r -> r.streamName(stream).shardCount(shards));
        admin.waiter().waitUntilStreamExists(r -> r.streamName(stream));
    }

    private static Result sluice(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SluiceCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
