package io.sluice.connect.sink;

import static io.sluice.connect.sink.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.common.Backoff;
import io.sluice.connect.common.kpl.KplAggregation;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import io.sluice.connect.sink.OrderedDelivery.Next;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class OrderedDeliveryTest {

    private static final String THROTTLED = "ProvisionedThroughputExceededException";
    /** Calls answered before send returns, one at a time: the logic of one call, without threads. */
    private static final OrderedDelivery.Limits ONE_CALL = new OrderedDelivery.Limits(1, Long.MAX_VALUE);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<SinkEntry> acknowledged = new ArrayList<>();
    private final Map<SinkEntry, String> givenUp = new LinkedHashMap<>();
    private final OrderedDelivery.Listener listener = new OrderedDelivery.Listener() {
        @Override
        public void acknowledged(SinkEntry entry) {
            acknowledged.add(entry);
        }

        @Override
        public void givenUp(SinkEntry entry, String reason) {
            givenUp.put(entry, reason);
        }
    };

    /** Linger 100 ms, backoff 100..800 ms drawn at its lower end (random 0), 3 retries. */
    private OrderedDelivery delivery(OrderedDelivery.PutRecordsCall call, boolean aggregate) {
        return new OrderedDelivery(call, Runnable::run, ONE_CALL, listener, SinkMetrics.none(), clock::get,
                Duration.ofMillis(100), 3, aggregate, new Backoff(Duration.ofMillis(100), Duration.ofMillis(800),
                        bound -> 0));
    }

    @Test
    void lingersUntilTheLingerPassedThenSendsOneBatch() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        OrderedDelivery delivery = delivery(kinesis, false);
        delivery.add(entry("s", 0, 0, "a", "a0"));
        clock.addAndGet(40);
        delivery.add(entry("s", 0, 1, "b", "b1"));

        assertThat(delivery.deliver(false)).isEqualTo(new Next(Next.State.LINGERING, 60));
        assertThat(kinesis.calls).isEmpty();

        clock.addAndGet(60);
        assertThat(delivery.deliver(false)).isEqualTo(new Next(Next.State.IDLE, 0));
        assertThat(kinesis.calls).hasSize(1);
        assertThat(kinesis.written).extracting(FakeKinesis.Written::text).containsExactly("a0", "b1");
        assertThat(acknowledged).extracting(SinkEntry::offset).containsExactly(0L, 1L);
    }

    @Test
    void sendsAtOnceWhenABatchIsFullAndKeepsTheRestLingering() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        OrderedDelivery delivery = delivery(kinesis, false);
        for (int i = 0; i < 501; i++) {
            delivery.add(entry("s", 0, i, "k" + i, "v" + i));
        }
        assertThat(delivery.deliver(false).state()).isEqualTo(Next.State.LINGERING);
        assertThat(kinesis.calls).extracting(List::size).containsExactly(500);
        assertThat(delivery.waitingRecords()).isEqualTo(1);
    }

    @Test
    void flushSendsEverythingAndPutsAtMostOneRecordOfAKeyInACall() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        OrderedDelivery delivery = delivery(kinesis, false);
        for (int i = 0; i < 6; i++) {
            delivery.add(entry("s", 0, i, i % 2 == 0 ? "even" : "odd", "v" + i));
        }
        assertThat(delivery.deliver(true)).isEqualTo(new Next(Next.State.IDLE, 0));
        assertThat(kinesis.calls).extracting(c -> c.stream().map(PutRecordsRequestEntry::partitionKey).toList())
                .containsExactly(List.of("even", "odd"), List.of("even", "odd"), List.of("even", "odd"));
        assertThat(kinesis.written).extracting(FakeKinesis.Written::text)
                .containsExactly("v0", "v1", "v2", "v3", "v4", "v5");
    }

    @Test
    void retriesOnlyFailedEntriesAfterTheBackoffAndHoldsBackLaterRecordsOfTheirKey() {
        // Call 0 throttles key b; later calls accept everything.
        FakeKinesis kinesis = new FakeKinesis((call, e) -> call == 0 && e.partitionKey().equals("b") ? THROTTLED : null);
        OrderedDelivery delivery = delivery(kinesis, false);
        delivery.add(entry("s", 0, 0, "a", "a0"));
        delivery.add(entry("s", 0, 1, "b", "b1"));
        delivery.add(entry("s", 0, 2, "b", "b2"));
        delivery.add(entry("s", 0, 3, "a", "a3"));

        assertThat(delivery.deliver(true)).as("after a partly failed call the backoff is the base, 100 ms drawn "
                + "between 50 and 100").isEqualTo(new Next(Next.State.BACKING_OFF, 50));
        assertThat(kinesis.written).extracting(FakeKinesis.Written::text).containsExactly("a0");

        clock.addAndGet(50);
        assertThat(delivery.deliver(true).state()).isEqualTo(Next.State.IDLE);
        assertThat(kinesis.calls).extracting(c -> c.stream().map(e -> e.data().asUtf8String()).toList())
                .containsExactly(List.of("a0", "b1"), List.of("b1", "a3"), List.of("b2"));
        assertThat(kinesis.written).extracting(FakeKinesis.Written::text).containsExactly("a0", "b1", "a3", "b2");
    }

    @Test
    void keepsEveryKeysOrderUnderRandomPartialFailures() {
        Random random = new Random(42);
        FakeKinesis kinesis = new FakeKinesis((call, e) -> random.nextInt(3) == 0 ? THROTTLED : null);
        OrderedDelivery delivery = new OrderedDelivery(kinesis, Runnable::run, ONE_CALL, listener, SinkMetrics.none(),
                clock::get, Duration.ofMillis(100), 1000, false,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), bound -> 0));
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            String key = "k" + random.nextInt(40);
            String data = key + ":" + i;
            sent.computeIfAbsent(key, k -> new ArrayList<>()).add(data);
            delivery.add(entry("s", i % 4, i, key, data));
        }
        while (delivery.deliver(true).state() != Next.State.IDLE) {
            clock.addAndGet(100);
        }
        assertThat(writtenPerKey(kinesis)).as("every record written once, in order per key").isEqualTo(sent);
        assertThat(kinesis.calls.size()).as("some calls had failures").isGreaterThan(2000 / 40);
        assertThat(givenUp).isEmpty();
    }

    @Test
    void keepsEveryKeysOrderUnderRandomPartialFailuresWithCallsInFlightOnThreads() throws Exception {
        Random random = new Random(7);
        FakeKinesis kinesis = new FakeKinesis((call, e) -> random.nextInt(3) == 0 ? THROTTLED : null);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            OrderedDelivery delivery = new OrderedDelivery(slowly(kinesis), threads,
                    new OrderedDelivery.Limits(4, Long.MAX_VALUE), listener, SinkMetrics.none(), clock::get,
                    Duration.ofMillis(100), 1000, false, new Backoff(Duration.ofMillis(10), Duration.ofMillis(80),
                            bound -> 0));
            Map<String, List<String>> sent = new LinkedHashMap<>();
            for (int i = 0; i < 3000; i++) {
                String key = "k" + random.nextInt(700);
                String data = key + ":" + i;
                sent.computeIfAbsent(key, k -> new ArrayList<>()).add(data);
                delivery.add(entry("s", i % 4, i, key, data));
            }
            while (delivery.deliver(true).state() != Next.State.IDLE) {
                clock.addAndGet(100);
            }
            assertThat(writtenPerKey(kinesis)).as("every record written once, in order per key").isEqualTo(sent);
            assertThat(acknowledged).hasSize(3000);
            assertThat(maxConcurrentCalls.get()).as("calls at once").isLessThanOrEqualTo(4);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aKeyIsInOneCallInFlightAtATime() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        Queue<Runnable> calls = new ArrayDeque<>();
        OrderedDelivery delivery = new OrderedDelivery(kinesis, calls::add,
                new OrderedDelivery.Limits(4, Long.MAX_VALUE), listener, SinkMetrics.none(), clock::get,
                Duration.ofMillis(100), 3, false, new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), b -> 0));
        delivery.add(entry("s", 0, 0, "a", "a0"));
        delivery.add(entry("s", 0, 1, "a", "a1"));
        delivery.add(entry("s", 0, 2, "b", "b2"));
        clock.addAndGet(100);

        Next first = delivery.deliver(false);
        assertThat(calls).as("a1 waits for the call carrying a0").hasSize(1);
        assertThat(first.state()).isEqualTo(Next.State.IN_FLIGHT);
        calls.poll().run();
        delivery.deliver(false);
        assertThat(calls).hasSize(1);
        calls.poll().run();

        assertThat(delivery.deliver(false).state()).isEqualTo(Next.State.IDLE);
        assertThat(kinesis.calls).extracting(c -> c.stream().map(e -> e.data().asUtf8String()).toList())
                .containsExactly(List.of("a0", "b2"), List.of("a1"));
        assertThat(acknowledged).extracting(SinkEntry::offset).containsExactly(0L, 2L, 1L);
    }

    @Test
    void waitsForAnswersWhileTheHeldRecordsTakeTheWholeBuffer() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        long oneRecord = entry("s", 0, 0, "k0", "d0").sizeBytes() + OrderedDelivery.RECORD_OVERHEAD_BYTES;
        OrderedDelivery delivery = new OrderedDelivery(kinesis, Runnable::run,
                new OrderedDelivery.Limits(4, 3 * oneRecord), listener, SinkMetrics.none(), clock::get,
                Duration.ofMillis(100), 3, false, new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), b -> 0));
        delivery.add(entry("s", 0, 0, "k0", "d0"));
        delivery.add(entry("s", 0, 1, "k1", "d1"));
        assertThat(delivery.deliver(false).state()).as("under the bound: lingers").isEqualTo(Next.State.LINGERING);
        assertThat(kinesis.calls).isEmpty();

        delivery.add(entry("s", 0, 2, "k0", "d2"));
        assertThat(delivery.isFull()).isTrue();
        Next next = delivery.deliver(false);
        assertThat(kinesis.calls).as("sent before the linger ended, answered, until under the bound")
                .extracting(c -> c.stream().map(e -> e.data().asUtf8String()).toList())
                .containsExactly(List.of("d0", "d1"));
        assertThat(delivery.isFull()).isFalse();
        assertThat(next.state()).isEqualTo(Next.State.LINGERING);
        assertThat(acknowledged).extracting(SinkEntry::offset).containsExactly(0L, 1L);
    }

    private static Map<String, List<String>> writtenPerKey(FakeKinesis kinesis) {
        return kinesis.written.stream().collect(Collectors.groupingBy(FakeKinesis.Written::partitionKey,
                LinkedHashMap::new, Collectors.mapping(FakeKinesis.Written::text, Collectors.toList())));
    }

    private final AtomicInteger concurrentCalls = new AtomicInteger();
    private final AtomicInteger maxConcurrentCalls = new AtomicInteger();

    /** {@code kinesis} taking a few milliseconds per call, as a network would, counting the calls at once. */
    private OrderedDelivery.PutRecordsCall slowly(FakeKinesis kinesis) {
        return (stream, entries) -> {
            maxConcurrentCalls.accumulateAndGet(concurrentCalls.incrementAndGet(), Math::max);
            try {
                Thread.sleep(3);
                synchronized (kinesis) {
                    return kinesis.putRecords(stream, entries);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                concurrentCalls.decrementAndGet();
            }
        };
    }

    @Test
    void backoffDoublesWhileCallsDeliverNothingAndNothingIsSentBeforeItPassed() {
        FakeKinesis kinesis = new FakeKinesis((call, e) -> call < 2 ? THROTTLED : null);
        OrderedDelivery delivery = delivery(kinesis, false);
        delivery.add(entry("s", 0, 0, "a", "a0"));

        // Base 100 ms, jitter drawn at its lowest (half): 50, then 100 after the second fruitless call.
        assertThat(delivery.deliver(true)).isEqualTo(new Next(Next.State.BACKING_OFF, 50));
        clock.addAndGet(49);
        assertThat(delivery.deliver(true)).isEqualTo(new Next(Next.State.BACKING_OFF, 1));
        assertThat(kinesis.calls).hasSize(1);
        clock.addAndGet(1);
        assertThat(delivery.deliver(true)).isEqualTo(new Next(Next.State.BACKING_OFF, 100));
        clock.addAndGet(100);
        assertThat(delivery.deliver(true).state()).isEqualTo(Next.State.IDLE);
        assertThat(kinesis.written).extracting(FakeKinesis.Written::text).containsExactly("a0");
    }

    @Test
    void givesUpARecordAfterMaxRetriesWithTheLastErrorAndGoesOnWithItsKey() {
        FakeKinesis kinesis = new FakeKinesis((call, e) -> e.data().asUtf8String().equals("a0") ? THROTTLED : null);
        OrderedDelivery delivery = delivery(kinesis, false);
        SinkEntry a0 = entry("s", 0, 0, "a", "a0");
        delivery.add(a0);
        delivery.add(entry("s", 0, 1, "a", "a1"));
        while (delivery.deliver(true).state() != Next.State.IDLE) {
            clock.addAndGet(1000);
        }
        assertThat(givenUp).containsExactly(Map.entry(a0, "PutRecords to stream 's' failed it 4 times "
                + "(kinesis.put.retries.max=3); the last error: ProvisionedThroughputExceededException: Rate exceeded "
                + "for shard shardId-000000000000"));
        assertThat(kinesis.written).extracting(FakeKinesis.Written::text).containsExactly("a1");
    }

    @Test
    void retriesAWholeCallThatFailedWithAnIoError() {
        List<Integer> attempts = new ArrayList<>();
        FakeKinesis accepting = FakeKinesis.acceptingAll();
        OrderedDelivery delivery = delivery((stream, entries) -> {
            attempts.add(entries.size());
            if (attempts.size() == 1) {
                throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
            }
            return accepting.putRecords(stream, entries);
        }, false);
        delivery.add(entry("s", 0, 0, "a", "a0"));
        assertThat(delivery.deliver(true)).isEqualTo(new Next(Next.State.BACKING_OFF, 50));
        clock.addAndGet(100);
        assertThat(delivery.deliver(true).state()).isEqualTo(Next.State.IDLE);
        assertThat(accepting.written).extracting(FakeKinesis.Written::text).containsExactly("a0");
    }

    @Test
    void failsWithTheErrorWhenTheStreamIsGone() {
        OrderedDelivery delivery = delivery((stream, entries) -> {
            throw ResourceNotFoundException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("ResourceNotFoundException")
                    .errorMessage("Stream s under account 000000000000 not found.").build()).build();
        }, false);
        delivery.add(entry("s", 0, 0, "a", "a0"));
        assertThatThrownBy(() -> delivery.deliver(true)).isInstanceOf(ConnectException.class)
                .hasMessage("PutRecords to stream 's' was rejected: ResourceNotFoundException: Stream s under "
                        + "account 000000000000 not found.; create the stream, or set kinesis.stream.auto.create=true");
    }

    @Test
    void retriesAWholeCallThatWasThrottled() {
        List<Integer> attempts = new ArrayList<>();
        OrderedDelivery delivery = delivery((stream, entries) -> {
            attempts.add(entries.size());
            throw KinesisException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("LimitExceededException").errorMessage("Rate exceeded").build()).build();
        }, false);
        delivery.add(entry("s", 0, 0, "a", "a0"));
        while (delivery.deliver(true).state() != Next.State.IDLE) {
            clock.addAndGet(1000);
        }
        assertThat(attempts).hasSize(4);
        assertThat(givenUp.values()).containsExactly("PutRecords to stream 's' failed it 4 times "
                + "(kinesis.put.retries.max=3); the last error: LimitExceededException: Rate exceeded");
    }

    @Test
    void aggregatesTheLeadingRecordsOfAKeyIntoOneEntryInOrder() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        OrderedDelivery delivery = delivery(kinesis, true);
        for (int i = 0; i < 5; i++) {
            delivery.add(entry("s", 0, i, "a", "a" + i));
        }
        delivery.add(entry("s", 0, 5, "b", "b5"));
        delivery.deliver(true);

        assertThat(kinesis.calls).hasSize(1);
        assertThat(kinesis.written).hasSize(2);
        KplAggregation.Decoded a = KplAggregation.decode(kinesis.written.get(0).data(), "a", null);
        assertThat(a.kind()).isEqualTo(KplAggregation.Kind.AGGREGATED);
        assertThat(a.records()).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                .containsExactly("a0", "a1", "a2", "a3", "a4");
        assertThat(a.records()).extracting(UserRecord::partitionKey).containsOnly("a");
        assertThat(kinesis.written.get(1).text()).as("a lone record goes plain").isEqualTo("b5");
        assertThat(acknowledged).hasSize(6);
    }

    @Test
    void dropsTheRecordsOfClosedPartitions() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        OrderedDelivery delivery = delivery(kinesis, false);
        delivery.add(entry("s", 0, 0, "a", "p0"));
        delivery.add(entry("s", 1, 0, "a", "p1"));
        delivery.drop(Set.of(new TopicPartition("t", 0)));
        delivery.deliver(true);
        assertThat(kinesis.written).extracting(FakeKinesis.Written::text).containsExactly("p1");
    }

    @Test
    void keepsABatchWithinFiveMebibytes() {
        FakeKinesis kinesis = FakeKinesis.acceptingAll();
        OrderedDelivery delivery = delivery(kinesis, false);
        String big = "x".repeat(1024 * 1024 - 10);
        for (int i = 0; i < 6; i++) {
            delivery.add(entry("s", 0, i, "k" + i, big));
        }
        delivery.deliver(true);
        assertThat(kinesis.calls).extracting(List::size).containsExactly(5, 1);
    }
}
