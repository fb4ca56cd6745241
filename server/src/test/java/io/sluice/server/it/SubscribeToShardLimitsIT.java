package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.testing.TestClock;
import io.sluice.server.testing.SluiceServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;

/**
 * Enhanced fan-out with Kinesis's limits on, on a clock that moves only when the test says: a consumer reads 2 MiB
 * per second of its own, apart from the shard's shared GetRecords budget — spent here by a GetRecords, and the
 * subscription reads on all the same; beyond its own 2 MiB it is paced until the second passes, not refused.
 */
class SubscribeToShardLimitsIT {

    private static final int RECORD_BYTES = 1000 * 1024;
    private static final TestClock CLOCK = TestClock.stoppedAt(System.currentTimeMillis());
    private static SluiceServerExtension server;
    private static KinesisClient admin;

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder().clock(CLOCK).start();
        admin = KinesisClients.SYNC_JSON.createWithoutRetries(server.server().endpoint());
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    @Test
    void aConsumerReadsTwoMebibytesASecondOfItsOwnWhenTheSharedBudgetIsSpent() throws Exception {
        admin.createStream(b -> b.streamName("limited").shardCount(1));
        admin.waiter().waitUntilStreamExists(b -> b.streamName("limited"));
        for (int i = 0; i < 4; i++) { // 1 MiB/s of writes: a second passes between records
            byte[] data = new byte[RECORD_BYTES];
            data[0] = (byte) i;
            admin.putRecord(b -> b.streamName("limited").partitionKey("k").data(SdkBytes.fromByteArray(data)));
            CLOCK.advance(Duration.ofSeconds(1));
        }
        String iterator = admin.getShardIterator(b -> b.streamName("limited").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        var read = admin.getRecords(b -> b.shardIterator(iterator));
        assertThat(read.records()).hasSize(4);
        assertThatThrownBy(() -> admin.getRecords(b -> b.shardIterator(read.nextShardIterator())))
                .as("the shard's shared 2 MiB/s is spent").isInstanceOf(ProvisionedThroughputExceededException.class);

        String streamArn = admin.describeStreamSummary(b -> b.streamName("limited")).streamDescriptionSummary().streamARN();
        String consumer = admin.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("own")).consumer()
                .consumerARN();
        try (KinesisAsyncClient kinesis = KinesisClients.ASYNC_H2_JSON.createAsync(server.server().endpoint())) {
            Subscription subscription = Subscription.start(kinesis, consumer, "shardId-000000000000",
                    StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());

            List<Record> firstSecond = subscription.records(3);
            assertThat(firstSecond).extracting(r -> r.data().asByteArrayUnsafe()[0]).containsExactly((byte) 0, (byte) 1, (byte) 2);
            Thread.sleep(1_000); // ten times the pacing interval: the fourth record waits for the clock
            assertThat(subscription.recordsSoFar()).as("2 MiB read: paced until the second passes").isEmpty();

            CLOCK.advance(Duration.ofSeconds(1));
            assertThat(subscription.records(1)).extracting(r -> r.data().asByteArrayUnsafe()[0]).containsExactly((byte) 3);
        }
    }
}
