package io.sluice.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code dist/target/sluice-server-<version>.tar.gz} as a user runs it: unpacked into an empty directory outside the
 * checkout, started with its own {@code bin/sluice-server} (Java alone: the launcher names no Maven, no checkout),
 * served to the AWS SDK, stopped with SIGTERM.
 */
class ServerArchiveIT {

    private static final String VERSION = System.getProperty("sluice.version", "0.1.0-SNAPSHOT");
    private static final Path ARCHIVE = Path.of("..", "dist", "target", "sluice-server-" + VERSION + ".tar.gz");
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    @TempDir
    Path home;

    @Test
    void theUnpackedArchiveRunsWithJavaAloneAndServesTheKinesisApi() throws Exception {
        assertThat(run(List.of("tar", "-xzf", ARCHIVE.toAbsolutePath().toString(), "-C", home.toString()))).isZero();
        Path root = home.resolve("sluice-server-" + VERSION);
        Path launcher = root.resolve("bin/sluice-server");
        assertThat(launcher).isExecutable();
        assertThat(Files.readString(launcher)).doesNotContain("mvn");
        assertThat(root.resolve("config/server/server.properties")).isRegularFile();
        assertThat(root.resolve("lib/sluice-server-" + VERSION + ".jar")).isRegularFile();

        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--port", "0", "--data-dir",
                home.resolve("data").toString()).directory(home.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SLUICE_JAVA_OPTS", "-Xmx256m");
        Process server = builder.start();
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint(server)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(Apache5HttpClient.builder()).build()) {
            kinesis.createStream(r -> r.streamName("unpacked").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("unpacked"));
            kinesis.putRecord(r -> r.streamName("unpacked").partitionKey("k").data(SdkBytes.fromUtf8String("from the archive")));
            String iterator = kinesis.getShardIterator(r -> r.streamName("unpacked").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

            assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                    .extracting(r -> r.data().asUtf8String()).containsExactly("from the archive");
        } finally {
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s of SIGTERM").isTrue();
        }
        assertThat(server.exitValue()).as("the exit status of a JVM ended by SIGTERM").isEqualTo(143);
    }

    private static URI endpoint(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the archive's server exited without a 'listening' line");
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
