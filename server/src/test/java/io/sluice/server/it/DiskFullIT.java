package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.server.testing.SluiceServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Hardening #13, point 8: the real server on a disk that really fills up (a 4 MiB tmpfs, so the test needs root or
 * CAP_SYS_ADMIN and is skipped elsewhere). Writes fail with a clear retriable error naming the shard, reads keep
 * working, and once space returns writes resume; every acknowledged record reads back exactly once, in order, before
 * and after a restart.
 */
class DiskFullIT {

    private static final int RECORD_BYTES = 20 * 1024;
    private static final int RECORDS_PER_CALL = 50; // 1 MiB per PutRecords
    private static final String SHARD = "shardId-000000000000";
    private static final String FULL = "The shard shardId-000000000000 of stream Orders cannot be written: No space left"
            + " on device. Nothing of this request was written to it; reads keep working.";

    @TempDir
    Path dir;

    private int nextRecord;

    /** A record that names itself in its first bytes, padded to {@link #RECORD_BYTES}. */
    private SdkBytes record(int n) {
        byte[] data = Arrays.copyOf(("record-" + n + ";").getBytes(StandardCharsets.UTF_8), RECORD_BYTES);
        return SdkBytes.fromByteArray(data);
    }

    private static String name(Record r) {
        String text = new String(r.data().asByteArray(), 0, 20, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf(';'));
    }

    /** Puts one call's worth of records; adds the acknowledged ones to {@code acked}; returns the response. */
    private PutRecordsResponse putBatch(KinesisClient kinesis, List<String> acked) {
        int first = nextRecord;
        nextRecord += RECORDS_PER_CALL;
        List<PutRecordsRequestEntry> entries = IntStream.range(first, first + RECORDS_PER_CALL)
                .mapToObj(n -> PutRecordsRequestEntry.builder().partitionKey("k").data(record(n)).build()).toList();
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName("Orders").records(entries));
        for (int i = 0; i < RECORDS_PER_CALL; i++) {
            PutRecordsResultEntry entry = response.records().get(i);
            if (entry.errorCode() == null) {
                acked.add("record-" + (first + i) + "@" + entry.sequenceNumber());
            }
        }
        return response;
    }

    /** Every record of the shard, from its start, as {@code name@sequenceNumber}. */
    private static List<String> readAll(KinesisClient kinesis) {
        String iterator = kinesis.getShardIterator(r -> r.streamName("Orders").shardId(SHARD)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> read = new ArrayList<>();
        while (true) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            page.records().forEach(r -> read.add(name(r) + "@" + r.sequenceNumber()));
            if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                return read;
            }
            iterator = page.nextShardIterator();
        }
    }

    @Test
    void writesFailWithAClearErrorWhileReadsWorkAndResumeWithNothingLostOnceSpaceReturns() throws IOException {
        try (SmallFileSystem disk = SmallFileSystem.mount(dir.resolve("disk"), 4L << 20)) {
            Path reserve = disk.root().resolve("reserve");
            Files.write(reserve, new byte[1 << 20]); // given back later: how space returns
            List<String> acked = new ArrayList<>();
            try (SluiceServerExtension server = SluiceServerExtension.builder().dataDir(disk.root().resolve("data"))
                    .configure(config -> config.withLimits(false)).start();
                 KinesisClient kinesis = KinesisClients.SYNC_CBOR.createWithoutRetries(server.server().endpoint())) {
                kinesis.createStream(r -> r.streamName("Orders").shardCount(1));

                PutRecordsResponse failed = null;
                for (int call = 0; call < 10 && failed == null; call++) {
                    PutRecordsResponse response = putBatch(kinesis, acked);
                    if (response.failedRecordCount() > 0) {
                        failed = response;
                    }
                }
                assertThat(failed).as("3 MiB of space fills up within 10 MiB of records").isNotNull();
                assertThat(failed.failedRecordCount()).as("one shard, one batch: all or nothing").isEqualTo(RECORDS_PER_CALL);
                assertThat(failed.records()).allSatisfy(entry -> {
                    assertThat(entry.errorCode()).isEqualTo("InternalFailure");
                    assertThat(entry.errorMessage()).isEqualTo(FULL);
                });
                assertThat(acked).as("some calls succeeded before the disk filled").isNotEmpty();

                disk.fillUp("rest"); // what the failed batch left free, so every write below needs space there is not
                KinesisException refused = catchThrowableOfType(KinesisException.class, () -> kinesis.putRecord(r -> r
                        .streamName("Orders").partitionKey("k").data(record(-1))));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
                assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(FULL);
                KinesisException notCreated = catchThrowableOfType(KinesisException.class,
                        () -> kinesis.createStream(r -> r.streamName("Clicks").shardCount(1)));
                assertThat(notCreated.statusCode()).isEqualTo(503);
                assertThat(notCreated.awsErrorDetails().errorMessage())
                        .isEqualTo("Stream Clicks cannot be created: No space left on device. Nothing was created.");
                assertThat(kinesis.listStreams().streamNames()).containsExactly("Orders");
                assertThat(readAll(kinesis)).as("reads keep working on a full disk").containsExactlyElementsOf(acked);

                Files.delete(reserve);
                Files.delete(disk.root().resolve("rest"));
                PutRecordsResponse resumed = putBatch(kinesis, acked);
                assertThat(resumed.failedRecordCount()).as("writes resume once space returns").isZero();
                acked.add("record--2@" + kinesis.putRecord(r -> r.streamName("Orders").partitionKey("k")
                        .data(record(-2))).sequenceNumber());
                assertThat(readAll(kinesis)).as("every acknowledged record, once, in order")
                        .containsExactlyElementsOf(acked);

                server.restart(config -> config.withLimits(false));
                try (KinesisClient again = KinesisClients.SYNC_JSON.create(server.server().endpoint())) {
                    assertThat(readAll(again)).as("and after a restart").containsExactlyElementsOf(acked);
                }
            }
        }
    }
}
