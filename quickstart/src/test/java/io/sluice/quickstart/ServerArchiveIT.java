package io.sluice.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Pattern ADMIN = Pattern.compile("Sluice admin endpoint (\\S+) \\((.*)\\)");

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

        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--port", "0", "--admin-port", "0",
                "--data-dir", home.resolve("data").toString()).directory(home.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SLUICE_JAVA_OPTS", "-Xmx256m");
        Process server = builder.start();
        Map<String, String> printed = endpoints(server);
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(URI.create(printed.get("kinesis"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(Apache5HttpClient.builder()).build()) {
            kinesis.createStream(r -> r.streamName("unpacked").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("unpacked"));
            kinesis.putRecord(r -> r.streamName("unpacked").partitionKey("k").data(SdkBytes.fromUtf8String("from the archive")));
            String iterator = kinesis.getShardIterator(r -> r.streamName("unpacked").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

            assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                    .extracting(r -> r.data().asUtf8String()).containsExactly("from the archive");

            // the console is in the archive, with its charts: nothing fetched from elsewhere
            assertThat(printed.get("admin paths")).isEqualTo("/metrics, /health/live, /health/ready, /console");
            HttpClient http = HttpClient.newHttpClient();
            for (String page : List.of("/console/", "/console/assets/uPlot.iife.min.js")) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(printed.get("admin") + page)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).as(page).isEqualTo(200);
            }
        } finally {
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s of SIGTERM").isTrue();
        }
        assertThat(server.exitValue()).as("the exit status of a JVM ended by SIGTERM").isEqualTo(143);
    }

    /** The Kinesis endpoint, the admin endpoint and the admin listener's paths, as the server prints them. */
    private static Map<String, String> endpoints(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> printed = new HashMap<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                printed.put("kinesis", listening.group(1));
            }
            Matcher admin = ADMIN.matcher(line);
            if (admin.find()) {
                printed.put("admin", admin.group(1));
                printed.put("admin paths", admin.group(2));
                return printed;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the archive's server exited without its 'listening' and 'admin endpoint' lines");
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
