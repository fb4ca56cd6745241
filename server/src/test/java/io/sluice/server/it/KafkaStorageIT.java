package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.testing.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Two Sluice servers over one Kafka cluster (Kafka storage): what one server does, the other serves, and a stream's
 * topic is a plain Kafka topic. Real SDK clients, a real KRaft broker.
 */
class KafkaStorageIT {

    private static KafkaCluster kafka;
    private static SluiceServer a;
    private static SluiceServer b;
    private static KinesisClient onA;
    private static KinesisClient onB;

    @BeforeAll
    static void start() {
        kafka = new KafkaCluster(1);
        a = start(kafka);
        b = start(kafka);
        onA = KinesisClients.SYNC_CBOR.create(a.endpoint());
        onB = KinesisClients.SYNC_JSON.create(b.endpoint());
    }

    static SluiceServer start(KafkaCluster kafka) {
        try {
            Path dataDir = Files.createTempDirectory("sluice-kafka-it-");
            return SluiceServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir).withLimits(false)
                    .withStorage(kafka.serverStorage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {onA, onB, a, b, kafka}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the next one still stops
            }
        }
    }

    @Test
    void aStreamCreatedOnOneServerIsServedByTheOther() {
        onA.createStream(r -> r.streamName("shared").shardCount(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(onB, "shared") == StreamStatus.ACTIVE);
        assertThat(onB.listShards(r -> r.streamName("shared")).shards()).hasSize(2);
        assertThatThrownBy(() -> onB.createStream(r -> r.streamName("shared").shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Stream shared under account 000000000000 already exists.");
    }

    @Test
    void recordsPutOnOneServerAreReadOnTheOtherInOrderWithItsIterators() {
        onA.createStream(r -> r.streamName("orders").shardCount(1));
        await().until(() -> status(onB, "orders") == StreamStatus.ACTIVE);
        List<String> sent = IntStream.range(0, 50).mapToObj(i -> "order-" + i).toList();
        for (int i = 0; i < 10; i++) {
            String data = sent.get(i);
            onA.putRecord(r -> r.streamName("orders").partitionKey("k").data(SdkBytes.fromUtf8String(data)));
        }
        PutRecordsResponse batch = onA.putRecords(r -> r.streamName("orders").records(sent.subList(10, 50).stream()
                .map(s -> PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String(s)).build())
                .toList()));
        assertThat(batch.failedRecordCount()).isZero();

        String shardId = onB.listShards(r -> r.streamName("orders")).shards().get(0).shardId();
        String fromA = onA.getShardIterator(r -> r.streamName("orders").shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> onBRead = readFrom(onB, fromA, 50);
        assertThat(onBRead).extracting(r -> r.data().asUtf8String()).containsExactlyElementsOf(sent);
        assertThat(onBRead).extracting(Record::sequenceNumber).isSorted();
        assertThat(onBRead.get(0).approximateArrivalTimestamp()).isNotNull();
    }

    @Test
    void aSplitOnOneServerIsFollowedByAReaderOnTheOther() {
        onA.createStream(r -> r.streamName("resharded").shardCount(1));
        await().until(() -> status(onB, "resharded") == StreamStatus.ACTIVE);
        onA.putRecord(r -> r.streamName("resharded").partitionKey("before").data(SdkBytes.fromUtf8String("before")));
        String parent = onA.listShards(r -> r.streamName("resharded")).shards().get(0).shardId();
        String iterator = onA.getShardIterator(r -> r.streamName("resharded").shardId(parent)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        onB.splitShard(r -> r.streamName("resharded").shardToSplit(parent)
                .newStartingHashKey("170141183460469231731687303715884105728"));
        await().until(() -> status(onA, "resharded") == StreamStatus.ACTIVE
                && onA.listShards(r -> r.streamName("resharded")).shards().size() == 3);
        onA.putRecord(r -> r.streamName("resharded").partitionKey("after").data(SdkBytes.fromUtf8String("after")));

        var first = onA.getRecords(r -> r.shardIterator(iterator));
        assertThat(first.records()).extracting(r -> r.data().asUtf8String()).containsExactly("before");
        var end = first.nextShardIterator() == null ? first
                : onA.getRecords(r -> r.shardIterator(first.nextShardIterator()));
        assertThat(end.nextShardIterator()).as("the parent ends").isNull();
        assertThat(end.childShards()).hasSize(2);
        List<Shard> shards = onA.listShards(r -> r.streamName("resharded")).shards();
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();

        List<String> inChildren = new ArrayList<>();
        for (Shard child : shards.subList(1, 3)) {
            String it = onA.getShardIterator(r -> r.streamName("resharded").shardId(child.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            onA.getRecords(r -> r.shardIterator(it)).records().forEach(rec -> inChildren.add(rec.data().asUtf8String()));
        }
        assertThat(inChildren).containsExactly("after");
    }

    @Test
    void writesOnOneServerWhileTheOtherSplitsLoseNothingAndKeepEachKeysOrder() throws Exception {
        onA.createStream(r -> r.streamName("racing").shardCount(1));
        await().until(() -> status(onB, "racing") == StreamStatus.ACTIVE);
        List<String> acknowledged = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int n = 0; !stop.get(); ) {
                List<PutRecordsRequestEntry> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++, n++) {
                    batch.add(PutRecordsRequestEntry.builder().partitionKey("k" + (n % 10))
                            .data(SdkBytes.fromUtf8String((n % 10) + ":" + n)).build());
                }
                PutRecordsResponse put = onA.putRecords(r -> r.streamName("racing").records(batch));
                for (int i = 0; i < batch.size(); i++) {
                    if (put.records().get(i).errorCode() == null) {
                        synchronized (acknowledged) {
                            acknowledged.add(batch.get(i).data().asUtf8String());
                        }
                    }
                }
            }
        });
        writer.start();
        await().until(() -> {
            synchronized (acknowledged) {
                return acknowledged.size() >= 500;
            }
        });
        String parent = onB.listShards(r -> r.streamName("racing")).shards().get(0).shardId();
        onB.splitShard(r -> r.streamName("racing").shardToSplit(parent)
                .newStartingHashKey("170141183460469231731687303715884105728"));
        await().until(() -> onA.listShards(r -> r.streamName("racing")).shards().size() == 3);
        int atSplit;
        synchronized (acknowledged) {
            atSplit = acknowledged.size();
        }
        await().until(() -> {
            synchronized (acknowledged) {
                return acknowledged.size() >= atSplit + 500;
            }
        });
        stop.set(true);
        writer.join();

        List<String> read = new ArrayList<>(); // the parent to its end, then each child
        for (Shard shard : onB.listShards(r -> r.streamName("racing")).shards()) {
            String it = onB.getShardIterator(r -> r.streamName("racing").shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            readFrom(onB, it, Integer.MAX_VALUE).forEach(rec -> read.add(rec.data().asUtf8String()));
        }
        assertThat(read).as("every acknowledged record once").doesNotHaveDuplicates().containsAll(acknowledged);
        for (int key = 0; key < 10; key++) {
            String prefix = key + ":";
            List<Integer> order = read.stream().filter(d -> d.startsWith(prefix))
                    .map(d -> Integer.parseInt(d.substring(prefix.length()))).toList();
            assertThat(order).as("key k%d, parent then child", key).isSorted();
        }
    }

    @Test
    void aSubscriberOnOneServerIsPushedRecordsPutOnTheOther() throws Exception {
        onA.createStream(r -> r.streamName("pushed").shardCount(1));
        await().until(() -> status(onB, "pushed") == StreamStatus.ACTIVE);
        String arn = onB.describeStreamSummary(r -> r.streamName("pushed")).streamDescriptionSummary().streamARN();
        String consumer = onB.registerStreamConsumer(r -> r.streamARN(arn).consumerName("pushed-to"))
                .consumer().consumerARN();
        await().until(() -> onB.describeStreamConsumer(r -> r.consumerARN(consumer)).consumerDescription()
                .consumerStatus() == ConsumerStatus.ACTIVE);
        try (KinesisAsyncClient async = KinesisClients.ASYNC_H2_CBOR.createAsync(b.endpoint())) {
            Subscription subscription = Subscription.start(async, consumer, "shardId-000000000000",
                    StartingPosition.builder().type(ShardIteratorType.LATEST).build());
            subscription.nextEvent(Duration.ofSeconds(20)); // subscribed: the first event comes at once
            for (int i = 0; i < 3; i++) {
                String data = "pushed-" + i;
                onA.putRecord(r -> r.streamName("pushed").partitionKey("k").data(SdkBytes.fromUtf8String(data)));
            }
            assertThat(subscription.records(3)).extracting(r -> r.data().asUtf8String())
                    .containsExactly("pushed-0", "pushed-1", "pushed-2");
            subscription.cancel();
        }
    }

    @Test
    void aPlainKafkaConsumerReadsTheStreamsTopicKeyedByPartitionKey() {
        onB.createStream(r -> r.streamName("plain").shardCount(1));
        await().until(() -> status(onB, "plain") == StreamStatus.ACTIVE);
        onB.putRecords(r -> r.streamName("plain").records(IntStream.range(0, 5)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("user-" + i)
                        .explicitHashKey(i == 4 ? "42" : null)
                        .data(SdkBytes.fromUtf8String("{\"n\":" + i + "}")).build()).toList()));

        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition tp = new TopicPartition("kinesis-plain", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= 5;
            });
        }
        assertThat(seen).extracting(ConsumerRecord::key).containsExactly("user-0", "user-1", "user-2", "user-3", "user-4");
        assertThat(seen).extracting(ConsumerRecord::value).startsWith("{\"n\":0}");
        assertThat(seen.get(4).headers().lastHeader("kinesis.explicit-hash-key").value())
                .as("the explicit hash key it was put with").isEqualTo("42".getBytes(StandardCharsets.US_ASCII));
        assertThat(seen.get(0).headers().toArray()).as("none without one").isEmpty();
    }

    @Test
    void concurrentCreationsOfOneNameLeaveExactlyOneStream() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> both = List.of(() -> create(onA), () -> create(onB));
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(both)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("created", "in use");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String create(KinesisClient kinesis) {
        try {
            kinesis.createStream(r -> r.streamName("raced").shardCount(1));
            return "created";
        } catch (ResourceInUseException e) {
            return "in use";
        }
    }

    @Test
    void clientsCarryOnAgainstTheOtherServerWhenOneIsKilled() throws Exception {
        Process c = ServerProcess.start("--port", "0", "--limits", "off", "--data-dir",
                Files.createTempDirectory("sluice-kafka-killed-").toString(), "--storage", "kafka", "--kafka-bootstrap",
                kafka.bootstrapServers(), "--kafka-replication-factor", "1");
        List<String> acknowledged = new ArrayList<>();
        try (KinesisClient onC = KinesisClients.SYNC_JSON.create(ServerProcess.endpoint(c))) {
            onC.createStream(r -> r.streamName("survivor").shardCount(2));
            await().until(() -> status(onC, "survivor") == StreamStatus.ACTIVE);
            for (int i = 0; i < 20; i++) {
                String data = "via-c-" + i;
                onC.putRecord(r -> r.streamName("survivor").partitionKey(data).data(SdkBytes.fromUtf8String(data)));
                acknowledged.add(data);
            }
        } finally {
            c.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no clean stop
        }
        for (int i = 0; i < 20; i++) {
            String data = "via-b-" + i;
            onB.putRecord(r -> r.streamName("survivor").partitionKey(data).data(SdkBytes.fromUtf8String(data)));
            acknowledged.add(data);
        }
        List<String> read = new ArrayList<>();
        for (Shard shard : onB.listShards(r -> r.streamName("survivor")).shards()) {
            String it = onB.getShardIterator(r -> r.streamName("survivor").shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            readFrom(onB, it, Integer.MAX_VALUE).forEach(rec -> read.add(rec.data().asUtf8String()));
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(acknowledged);
        onB.updateShardCount(r -> r.streamName("survivor").targetShardCount(4).scalingType("UNIFORM_SCALING"));
        await().until(() -> status(onA, "survivor") == StreamStatus.ACTIVE
                && onA.listShards(r -> r.streamName("survivor")).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).count() == 4);
    }

    /** Records from {@code iterator} until {@code expected} came, the shard ended, or the reader caught up. */
    private static List<Record> readFrom(KinesisClient kinesis, String iterator, int expected) {
        List<Record> records = new ArrayList<>();
        String[] next = {iterator};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var page = kinesis.getRecords(r -> r.shardIterator(next[0]));
            records.addAll(page.records());
            next[0] = page.nextShardIterator();
            return records.size() >= expected || next[0] == null
                    || (page.records().isEmpty() && page.millisBehindLatest() == 0);
        });
        return records;
    }

    private static StreamStatus status(KinesisClient kinesis, String stream) {
        try {
            return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }
}
