package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The time-based documented errors through every client kind: a shard iterator expires after 5 minutes, a
 * ListShards or ListStreamConsumers NextToken after 300 seconds. The server's engine reads a {@link TestClock}
 * that each test moves to just before and then just past the limit.
 */
class ExpiryIT {

    private static final Duration JUST_BEFORE = Duration.ofSeconds(295);
    private static final Duration PAST_THE_LIMIT = Duration.ofSeconds(10);

    private static final TestClock CLOCK = TestClock.ticking();

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config.withLimits(false), CLOCK);

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void anIteratorOlderThanFiveMinutesIsExpired(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("iterator");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        CLOCK.advance(JUST_BEFORE);
        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records()).as("still valid").isEmpty();
        CLOCK.advance(PAST_THE_LIMIT);

        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(iterator)))
                .isInstanceOf(ExpiredIteratorException.class)
                .hasMessageStartingWith("Iterator expired. The iterator was created at time ")
                .hasMessageContaining(" which is further in the future than the tolerated delay of 300000 milliseconds.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aListShardsNextTokenOlderThan300SecondsIsExpired(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("shards");
        kinesis.createStream(r -> r.streamName(stream).shardCount(3));
        String token = kinesis.listShards(r -> r.streamName(stream).maxResults(1)).nextToken();

        CLOCK.advance(JUST_BEFORE);
        assertThat(kinesis.listShards(r -> r.nextToken(token)).shards()).as("still valid").hasSize(1);
        CLOCK.advance(PAST_THE_LIMIT);

        assertThatThrownBy(() -> kinesis.listShards(r -> r.nextToken(token)))
                .isInstanceOf(ExpiredNextTokenException.class)
                .hasMessageStartingWith("The NextToken has expired: it was issued at ")
                .hasMessageContaining(" ms and is valid for 300 seconds; list again without a NextToken.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aListStreamConsumersNextTokenOlderThan300SecondsIsExpired(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("consumers");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("a"));
        kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("b"));
        String token = kinesis.listStreamConsumers(r -> r.streamARN(arn).maxResults(1)).nextToken();

        CLOCK.advance(JUST_BEFORE);
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(arn).nextToken(token)).consumers())
                .as("still valid").hasSize(1);
        CLOCK.advance(PAST_THE_LIMIT);

        assertThatThrownBy(() -> kinesis.listStreamConsumers(r -> r.streamARN(arn).nextToken(token)))
                .isInstanceOf(ExpiredNextTokenException.class)
                .hasMessageStartingWith("The NextToken has expired: it was issued at ")
                .hasMessageContaining(" ms and is valid for 300 seconds; list again without a NextToken.");
    }
}
