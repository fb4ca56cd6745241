package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The launcher's main class in its own JVM: the "listening" line, clean SIGTERM shutdown, and flag errors. */
class ServerMainIT {

    @TempDir
    Path dataDir;

    @Test
    void printsWhereItListensAndStopsCleanlyOnSigterm() throws Exception {
        Process first = start("--port", "0", "--data-dir", dataDir.toString());
        try (KinesisClient kinesis = KinesisClients.SYNC_CBOR.create(endpoint(first))) {
            kinesis.createStream(r -> r.streamName("sigterm").shardCount(1));
            kinesis.putRecord(r -> r.streamName("sigterm").partitionKey("k").data(SdkBytes.fromUtf8String("kept")));
        }
        first.destroy(); // SIGTERM
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the server stops within 30 s of SIGTERM").isTrue();
        assertThat(first.exitValue()).as("exit status of a JVM ended by SIGTERM").isEqualTo(143);

        Process second = start("--port", "0", "--data-dir", dataDir.toString());
        try (KinesisClient kinesis = KinesisClients.SYNC_JSON.create(endpoint(second))) {
            String iterator = kinesis.getShardIterator(r -> r.streamName("sigterm").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                    .extracting(r -> r.data().asUtf8String()).containsExactly("kept");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryExitsAtOnceNamingTheHolder() throws Exception {
        Process first = start("--port", "0", "--data-dir", dataDir.toString()); // hardening #13.5
        try {
            endpoint(first);
            Process second = start("--port", "0", "--data-dir", dataDir.toString());
            String stderr = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(stderr).startsWith("sluice-server: The data directory " + dataDir.toRealPath()
                    + " is in use by another Sluice server (pid " + first.pid() + " on ")
                    .contains("); stop it first, or give this one its own --data-dir");
        } finally {
            first.destroy();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortInUseEndsTheStartNamingTheAddress(@TempDir Path otherDataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());

            assertThat(failedStart("--port", port, "--data-dir", dataDir.toString()))
                    .startsWith("sluice-server: Cannot listen for Kinesis requests on 127.0.0.1:" + port
                            + ": Address already in use");
            assertThat(failedStart("--port", "0", "--admin-port", port, "--data-dir", otherDataDir.toString()))
                    .startsWith("sluice-server: Cannot listen for admin requests on 127.0.0.1:" + port
                            + ": Address already in use");
        }
    }

    @Test
    void aBadFlagExitsWithStatusTwoAndSaysWhy() throws Exception {
        Process process = start("--limits", "sometimes");
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).startsWith("sluice-server: --limits: limits 'sometimes' is not one of: kinesis, off");
    }

    private static Process start(String... args) throws IOException {
        return ServerProcess.start(args);
    }

    /** The stderr of a server that must exit 1 by itself within 30 s (not hang, not need a signal). */
    private String failedStart(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("the server exits by itself; it printed:\n%s", stderr).isTrue();
        assertThat(process.exitValue()).as(stderr).isEqualTo(1);
        return stderr;
    }

    private static URI endpoint(Process process) throws IOException {
        return ServerProcess.endpoint(process);
    }
}
