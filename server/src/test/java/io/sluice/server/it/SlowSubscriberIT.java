package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.log.FsyncPolicy;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * A subscriber that reads far slower than its shard has records — 200 MiB written, read at about 640 KiB/s — holds
 * at most one event in the server: the next is read from the log only once the previous one was written out. The
 * server runs in this JVM, so its heap after a full collection, while the subscriber lags by hundreds of MiB, shows
 * what it holds. Limits are off (no pacing by the consumer's own budget) and the socket's receive buffer is small.
 */
class SlowSubscriberIT {

    private static final int MIB = 1024 * 1024;
    private static ServerRule server;
    private static String consumer;

    @BeforeAll
    static void start() {
        server = new ServerRule(config -> config.withLimits(false).withFsync(FsyncPolicy.parse("interval:1000")));
        try (KinesisClient kinesis = KinesisClients.SYNC_CBOR.create(server.server().endpoint())) {
            kinesis.createStream(b -> b.streamName("backlog").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName("backlog"));
            byte[] data = new byte[MIB - 64];
            for (int call = 0; call < 40; call++) { // 40 × 5 records of ~1 MiB: 200 MiB
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromByteArray(data)).build());
                }
                assertThat(kinesis.putRecords(b -> b.streamName("backlog").records(entries)).failedRecordCount()).isZero();
            }
            String streamArn = kinesis.describeStreamSummary(b -> b.streamName("backlog")).streamDescriptionSummary()
                    .streamARN();
            consumer = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("slow")).consumer()
                    .consumerARN();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSubscriberReadingSlowlyCostsTheServerAtMostAnEvent() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = heapAfterGc(memory);
        long peak = 0;
        long read = 0;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress(server.server().endpoint().getHost(), server.server().endpoint().getPort()));
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(RawHttp1.jsonRequest("SubscribeToShard", "{\"ConsumerARN\":\"" + consumer
                    + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}"));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int step = 1; step <= 100; step++) { // 64 KiB every 100 ms
                int n = in.read(buffer);
                assertThat(n).as("the stream goes on").isPositive();
                read += n;
                Thread.sleep(100);
                if (step % 25 == 0) {
                    peak = Math.max(peak, heapAfterGc(memory) - baseline);
                }
            }
        }
        assertThat(read).as("the subscriber got its records").isGreaterThan(MIB);
        assertThat(peak).as("heap the server holds for a subscriber 190+ MiB behind").isLessThan(64L * MIB);
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
