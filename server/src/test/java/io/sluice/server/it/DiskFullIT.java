package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InternalFailureException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Hardening #13.8: a data directory on a small filesystem (an 8 MiB tmpfs) that fills up. Writes then fail with a
 * clear error — PutRecords entry by entry, PutRecord as a 500 — reads keep serving every acknowledged record, and
 * once the filesystem has room again (remounted larger) writes resume, nothing acknowledged lost or doubled.
 * Mounting needs root (CAP_SYS_ADMIN); without it the test is skipped, saying so.
 */
class DiskFullIT {

    private static final String SHARD = "shardId-000000000000";
    private static Path mount;
    private static boolean mounted;
    private static ServerRule server;
    private static KinesisClient kinesis;

    @BeforeAll
    static void mountAndStart() throws Exception {
        mount = Files.createTempDirectory("sluice-disk-full-");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()) == 0;
        assumeTrue(mounted, "DiskFullIT needs to mount a small tmpfs (root with CAP_SYS_ADMIN); skipped");
        server = new ServerRule(config -> config.withDataDir(mount.resolve("data")).withLimits(false));
        kinesis = KinesisClients.SYNC_JSON.createWithoutRetries(server.server().endpoint());
    }

    @AfterAll
    static void stopAndUnmount() throws Exception {
        if (kinesis != null) {
            kinesis.close();
        }
        if (server != null) {
            server.close();
        }
        if (mounted) {
            run("umount", mount.toString());
        }
        Files.deleteIfExists(mount);
    }

    @Test
    void writesFailClearlyWhenTheDiskIsFullReadsGoOnAndWritesResumeWhenItHasRoom() throws Exception {
        kinesis.createStream(b -> b.streamName("full").shardCount(1));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("full"));
        List<String> acknowledged = new ArrayList<>();
        String expectedError = "The shard " + SHARD + " of stream full could not be written (No space left on device); "
                + "nothing of this request was written to it, and reads keep working.";

        PutRecordsResultEntry refused = fillUp(acknowledged);
        assertThat(refused.errorCode()).isEqualTo("InternalFailure");
        assertThat(refused.errorMessage()).isEqualTo(expectedError);
        InternalFailureException single = fillUpOneByOne(acknowledged);
        assertThat(single.statusCode()).isEqualTo(500);
        assertThat(single.awsErrorDetails().errorMessage()).isEqualTo(expectedError);
        assertThat(readAll()).as("every acknowledged record, while the disk is full").isEqualTo(acknowledged);

        assertThat(run("mount", "-o", "remount,size=32m", mount.toString())).isZero();
        for (int i = 0; i < 20; i++) {
            acknowledged.add("after-" + i);
        }
        putAll(acknowledged.subList(acknowledged.size() - 20, acknowledged.size()));
        assertThat(readAll()).as("after room returned: nothing lost, nothing doubled, in order").isEqualTo(acknowledged);
    }

    /** PutRecords of 20 × 32 KiB until an entry is refused; collects the values of every entry written. */
    private static PutRecordsResultEntry fillUp(List<String> acknowledged) {
        for (int batch = 0; batch < 1_000; batch++) {
            List<String> values = new ArrayList<>();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String value = "v-" + batch + "-" + i;
                values.add(value);
                entries.add(entry(value));
            }
            List<PutRecordsResultEntry> results = kinesis.putRecords(b -> b.streamName("full").records(entries)).records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() == null) {
                    acknowledged.add(values.get(i));
                } else {
                    return results.get(i);
                }
            }
        }
        throw new AssertionError("the 8 MiB filesystem never filled up");
    }

    /** PutRecord of one record at a time, the rest of the room filled, until one is refused. */
    private static InternalFailureException fillUpOneByOne(List<String> acknowledged) {
        for (int i = 0; i < 1_000; i++) {
            String value = "one-" + i;
            try {
                kinesis.putRecord(b -> b.streamName("full").partitionKey("k").data(entry(value).data()));
                acknowledged.add(value);
            } catch (InternalFailureException full) {
                return full;
            }
        }
        throw new AssertionError("room for 1000 more records of 32 KiB after PutRecords was refused");
    }

    /** Puts records of these values in one call; asserts all were written. */
    private static void putAll(List<String> values) {
        List<PutRecordsRequestEntry> entries = values.stream().map(DiskFullIT::entry).toList();
        assertThat(kinesis.putRecords(b -> b.streamName("full").records(entries)).records())
                .allMatch(r -> r.errorCode() == null);
    }

    /** A 32 KiB record whose data starts with its value, then a newline. */
    private static PutRecordsRequestEntry entry(String value) {
        byte[] data = new byte[32 * 1024];
        byte[] text = (value + "\n").getBytes();
        System.arraycopy(text, 0, data, 0, text.length);
        return PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromByteArray(data)).build();
    }

    private static List<String> readAll() {
        String iterator = kinesis.getShardIterator(b -> b.streamName("full").shardId(SHARD)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> values = new ArrayList<>();
        while (true) {
            String from = iterator;
            var page = kinesis.getRecords(b -> b.shardIterator(from));
            if (page.records().isEmpty()) {
                return values;
            }
            for (Record record : page.records()) {
                String data = record.data().asUtf8String();
                values.add(data.substring(0, data.indexOf('\n')));
            }
            iterator = page.nextShardIterator();
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
