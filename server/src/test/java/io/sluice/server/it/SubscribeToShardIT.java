package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.testing.SluiceServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

/**
 * Enhanced fan-out through the AWS SDK for Java v2's async client (HTTP/2 cleartext, with CBOR on and off — the
 * SDK sends this action as JSON either way): every starting position, records pushed as they are written, the
 * empty event of an idle subscription, the clean end after the subscription's lifetime (here 12 s) and the
 * resubscribe from its continuation number, the takeover rules, the last event of a closed shard, an error
 * mid-stream, and the errors found before a stream starts.
 */
class SubscribeToShardIT {

    private static final String SHARD = "shardId-000000000000";
    private static SluiceServerExtension server;
    private static KinesisClient admin;

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder()
                .configure(config -> config.withLimits(false).withSubscriptionLifetime(12_000)).start();
        admin = KinesisClients.SYNC_JSON.create(server.server().endpoint());
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(names = {"ASYNC_H2_CBOR", "ASYNC_H2_JSON"})
    void startsAtEveryPositionAndPushesWhatIsWrittenLater(KinesisClients kind) throws Exception {
        String stream = kind.streamName("positions");
        String streamArn = create(stream, 1);
        List<String> seqs = put(stream, "a", "b", "c");
        Thread.sleep(20); // c's arrival time, in milliseconds, is then strictly before afterAll
        Instant afterAll = Instant.now();
        Thread.sleep(20);
        try (KinesisAsyncClient kinesis = kind.createAsync(server.server().endpoint())) {
            assertThat(data(subscribe(kinesis, streamArn, "trim", position(ShardIteratorType.TRIM_HORIZON)).records(3)))
                    .containsExactly("a", "b", "c");
            assertThat(data(subscribe(kinesis, streamArn, "at", StartingPosition.builder()
                    .type(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(seqs.get(1)).build()).records(2)))
                    .containsExactly("b", "c");
            assertThat(data(subscribe(kinesis, streamArn, "after", StartingPosition.builder()
                    .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(seqs.get(1)).build()).records(1)))
                    .containsExactly("c");
            Subscription atTimestamp = subscribe(kinesis, streamArn, "time", StartingPosition.builder()
                    .type(ShardIteratorType.AT_TIMESTAMP).timestamp(afterAll).build());
            Subscription latest = subscribe(kinesis, streamArn, "latest", position(ShardIteratorType.LATEST));
            latest.nextEvent(Duration.ofSeconds(10)); // subscribed: the first event comes at once

            List<String> later = put(stream, "d");

            assertThat(data(atTimestamp.records(1))).containsExactly("d");
            List<Record> pushed = latest.records(1);
            assertThat(data(pushed)).containsExactly("d");
            assertThat(pushed.get(0).sequenceNumber()).isEqualTo(later.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ASYNC_H2_CBOR", "ASYNC_H2_JSON"})
    void endsAfterItsLifetimeAndTheClientResumesFromTheContinuationNumber(KinesisClients kind) throws Exception {
        String stream = kind.streamName("lifetime");
        String consumer = register(create(stream, 1), "resumer");
        try (KinesisAsyncClient kinesis = kind.createAsync(server.server().endpoint())) {
            Subscription first = Subscription.start(kinesis, consumer, SHARD, position(ShardIteratorType.TRIM_HORIZON));
            SubscribeToShardEvent idle = first.nextEvent(Duration.ofSeconds(10));
            assertThat(idle.records()).isEmpty();
            assertThat(idle.continuationSequenceNumber()).as("even before any record").isNotNull();
            put(stream, "1", "2");
            assertThat(data(first.records(2))).containsExactly("1", "2");

            first.done().get(30, TimeUnit.SECONDS); // ends cleanly, no error
            put(stream, "3");
            Subscription second = Subscription.start(kinesis, consumer, SHARD, StartingPosition.builder()
                    .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(first.lastContinuation()).build());
            assertThat(data(second.records(1))).containsExactly("3");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ASYNC_H2_JSON"})
    void sendsAnEmptyEventWhenIdleAndLetsANewSubscriptionTakeOverAfterFiveSeconds(KinesisClients kind) throws Exception {
        String stream = kind.streamName("takeover");
        String consumer = register(create(stream, 1), "taken");
        try (KinesisAsyncClient kinesis = kind.createAsync(server.server().endpoint())) {
            Subscription first = Subscription.start(kinesis, consumer, SHARD, position(ShardIteratorType.LATEST));
            first.nextEvent(Duration.ofSeconds(10));

            Subscription tooSoon = Subscription.start(kinesis, consumer, SHARD, position(ShardIteratorType.LATEST));
            assertThatThrownBy(() -> tooSoon.done().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("Another active subscription exists for this consumer: " + consumer);

            SubscribeToShardEvent heartbeat = first.nextEvent(Duration.ofSeconds(8));
            assertThat(heartbeat.records()).isEmpty();
            assertThat(heartbeat.continuationSequenceNumber()).isNotNull();

            Subscription takeover = Subscription.start(kinesis, consumer, SHARD, position(ShardIteratorType.LATEST));
            takeover.nextEvent(Duration.ofSeconds(10));
            assertThatThrownBy(() -> first.done().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("this one was taken over");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ASYNC_H2_CBOR", "ASYNC_H2_JSON"})
    void endsAClosedShardWithItsChildren(KinesisClients kind) throws Exception {
        String stream = kind.streamName("split");
        String consumer = register(create(stream, 1), "splitter");
        put(stream, "before");
        admin.splitShard(b -> b.streamName(stream).shardToSplit(SHARD)
                .newStartingHashKey("170141183460469231731687303715884105728"));
        try (KinesisAsyncClient kinesis = kind.createAsync(server.server().endpoint())) {
            Subscription parent = Subscription.start(kinesis, consumer, SHARD, position(ShardIteratorType.TRIM_HORIZON));
            List<SubscribeToShardEvent> events = new ArrayList<>();
            SubscribeToShardEvent event;
            do {
                event = parent.nextEvent(Duration.ofSeconds(10));
                events.add(event);
            } while (event.continuationSequenceNumber() != null);

            assertThat(data(events.stream().flatMap(e -> e.records().stream()).toList())).containsExactly("before");
            assertThat(event.childShards()).extracting(ChildShard::shardId)
                    .containsExactly("shardId-000000000001", "shardId-000000000002");
            assertThat(event.childShards()).allSatisfy(child -> assertThat(child.parentShards()).containsExactly(SHARD));
            parent.done().get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ASYNC_H2_CBOR", "ASYNC_H2_JSON"})
    void reportsAnErrorMidStreamWhenTheStreamIsDeleted(KinesisClients kind) throws Exception {
        String stream = kind.streamName("deleted");
        String consumer = register(create(stream, 1), "orphan");
        try (KinesisAsyncClient kinesis = kind.createAsync(server.server().endpoint())) {
            Subscription subscription = Subscription.start(kinesis, consumer, SHARD, position(ShardIteratorType.LATEST));
            subscription.nextEvent(Duration.ofSeconds(10));

            admin.deleteStream(b -> b.streamName(stream).enforceConsumerDeletion(true));

            assertThatThrownBy(() -> subscription.done().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Shard shardId-000000000000 in stream " + stream);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ASYNC_H2_CBOR", "ASYNC_H2_JSON"})
    void answersErrorsFoundBeforeTheStreamAsOrdinaryErrors(KinesisClients kind) {
        String stream = kind.streamName("refused");
        String streamArn = create(stream, 1);
        String consumer = register(streamArn, "picky");
        try (KinesisAsyncClient kinesis = kind.createAsync(server.server().endpoint())) {
            assertThatThrownBy(() -> Subscription.start(kinesis, streamArn + "/consumer/nobody:1", SHARD,
                    position(ShardIteratorType.LATEST)).done().join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Consumer " + streamArn + "/consumer/nobody:1 under stream " + stream
                            + " under account 000000000000 not found.");
            assertThatThrownBy(() -> Subscription.start(kinesis, consumer, "shardId-000000000007",
                    position(ShardIteratorType.LATEST)).done().join())
                    .hasCauseInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Shard shardId-000000000007 in stream " + stream
                            + " under account 000000000000 does not exist");
            assertThatThrownBy(() -> Subscription.start(kinesis, consumer, SHARD,
                    position(ShardIteratorType.AT_SEQUENCE_NUMBER)).done().join())
                    .hasCauseInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                            + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber.");
        }
    }

    private static Subscription subscribe(KinesisAsyncClient kinesis, String streamArn, String consumer,
                                          StartingPosition position) {
        return Subscription.start(kinesis, register(streamArn, consumer), SHARD, position);
    }

    private static StartingPosition position(ShardIteratorType type) {
        return StartingPosition.builder().type(type).build();
    }

    private static String create(String stream, int shards) {
        admin.createStream(b -> b.streamName(stream).shardCount(shards));
        admin.waiter().waitUntilStreamExists(b -> b.streamName(stream));
        return admin.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
    }

    private static String register(String streamArn, String consumer) {
        return admin.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(consumer)).consumer().consumerARN();
    }

    private static List<String> put(String stream, String... values) {
        List<String> seqs = new ArrayList<>();
        for (String value : values) {
            seqs.add(admin.putRecord(b -> b.streamName(stream).partitionKey("k")
                    .data(SdkBytes.fromString(value, StandardCharsets.UTF_8))).sequenceNumber());
        }
        return seqs;
    }

    private static List<String> data(List<Record> records) {
        return records.stream().map(r -> r.data().asUtf8String()).toList();
    }
}
