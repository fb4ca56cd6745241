package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import io.sluice.core.log.FsyncPolicy;
import io.sluice.server.testing.SluiceServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * A subscriber that reads far slower than its shard has records — 200 MiB written, read at about 640 KiB/s — holds
 * at most one event in the server: the next is read from the log only once the previous one was written out, which on
 * HTTP/1.1 is once the socket took it and on HTTP/2 once the client's flow-control window did. The server runs in this
 * JVM, so its memory after a full collection (heap, and direct buffers, where Netty may copy what it writes), while
 * the subscriber lags by hundreds of MiB, shows what it holds. Limits are off (no pacing by the consumer's own
 * budget); the HTTP/1.1 subscriber has a small socket receive buffer, the HTTP/2 one a 16 KiB stream window that it
 * opens 64 KiB at a time.
 */
class SlowSubscriberIT {

    private static final int MIB = 1024 * 1024;
    private static final int STEP_BYTES = 64 * 1024;
    private static final String SUBSCRIBE = "{\"ConsumerARN\":\"%s\",\"ShardId\":\"shardId-000000000000\","
            + "\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}";
    private static final Map<Transport, String> consumers = new EnumMap<>(Transport.class);
    private static SluiceServerExtension server;

    /** How the slow subscriber talks to the server. */
    enum Transport {
        HTTP1, H2C;

        SlowReader open(URI endpoint, String consumer) throws Exception {
            String body = SUBSCRIBE.formatted(consumer);
            return this == HTTP1 ? new Http1Reader(endpoint, body) : new H2cReader(endpoint, body);
        }
    }

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder()
                .configure(config -> config.withLimits(false).withFsync(FsyncPolicy.parse("interval:1000"))).start();
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
            for (Transport transport : Transport.values()) {
                consumers.put(transport, kinesis.registerStreamConsumer(b -> b.streamARN(streamArn)
                        .consumerName("slow-" + transport.name().toLowerCase(Locale.ROOT))).consumer().consumerARN());
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSubscriberReadingSlowlyCostsTheServerAtMostAnEvent(Transport transport) throws Exception {
        long baseline = memoryAfterGc();
        long peak = 0;
        long read = 0;
        try (SlowReader reader = transport.open(server.server().endpoint(), consumers.get(transport))) {
            for (int step = 1; step <= 100; step++) { // 64 KiB every 100 ms
                read += reader.readStep();
                Thread.sleep(100);
                if (step % 25 == 0) {
                    peak = Math.max(peak, memoryAfterGc() - baseline);
                }
            }
        }
        assertThat(read).as("the subscriber got its records").isGreaterThan(MIB);
        assertThat(peak).as("memory the server holds for a subscriber 190+ MiB behind").isLessThan(64L * MIB);
    }

    /**
     * Heap after a full collection plus Netty's direct buffers (where it may copy what it writes to a socket). Not
     * counted: the JDK's direct buffer pool, where the log keeps per-thread read and write buffers of a bounded size
     * whatever the subscribers do.
     */
    private static long memoryAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    /** One slow SubscribeToShard call, read a step at a time. */
    private interface SlowReader extends AutoCloseable {
        /** Reads {@link #STEP_BYTES} of the reply; fails if the reply ended. */
        long readStep() throws Exception;

        @Override
        void close() throws IOException;
    }

    /** HTTP/1.1 with a 16 KiB socket receive buffer: the server's writes complete only as fast as it is emptied. */
    private static final class Http1Reader implements SlowReader {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final byte[] buffer = new byte[STEP_BYTES];

        Http1Reader(URI endpoint, String body) throws IOException {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(RawHttp1.jsonRequest("SubscribeToShard", body));
            in = socket.getInputStream();
        }

        @Override
        public long readStep() throws IOException {
            int n = in.readNBytes(buffer, 0, STEP_BYTES);
            assertThat(n).as("the stream goes on").isEqualTo(STEP_BYTES);
            return n;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** HTTP/2 cleartext whose stream window starts at 16 KiB and is opened 64 KiB per step, once the last was read. */
    private static final class H2cReader implements SlowReader {
        private static final int STREAM = 1;
        private final RawHttp2 h2;
        private long granted = 16 * 1024;
        private long received;

        H2cReader(URI endpoint, String body) throws Exception {
            h2 = RawHttp2.connect(endpoint, (int) granted);
            h2.requestHeaders(STREAM, "SubscribeToShard", body.length());
            h2.lastData(STREAM, body);
        }

        @Override
        public long readStep() throws IOException {
            long before = received;
            while (received < granted) { // the server has a backlog: it fills whatever window it is given
                RawHttp2.Frame frame = h2.nextOn(STREAM);
                assertThat(frame.type()).as("the stream goes on").isIn(RawHttp2.HEADERS, RawHttp2.DATA);
                assertThat(frame.flags() & 0x1).as("the stream goes on (no END_STREAM)").isZero();
                if (frame.type() == RawHttp2.DATA) {
                    received += frame.payload().length;
                }
            }
            assertThat(received).as("the server keeps within the window it was given").isEqualTo(granted);
            h2.windowUpdate(STREAM, STEP_BYTES);
            granted += STEP_BYTES;
            return received - before;
        }

        @Override
        public void close() throws IOException {
            h2.close();
        }
    }
}
