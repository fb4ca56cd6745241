package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The documented errors of the consumer actions — Register, Describe, List and DeregisterStreamConsumer — through
 * every client kind, with the messages a user sees. ({@link ExpiryIT} covers expired NextTokens.)
 */
class ConsumerErrorsIT {

    private static final String ACCOUNT = " under account 000000000000";

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config);

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aConsumerNameIsRegisteredOncePerStream(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("twice");
        String arn = create(kinesis, stream);
        kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("reader"));

        assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("reader")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Consumer reader under stream " + stream + ACCOUNT + " already exists.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aStreamHoldsAtMostTwentyConsumers(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("crowded");
        String arn = create(kinesis, stream);
        for (int i = 0; i < 20; i++) {
            String name = "reader-" + i;
            kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName(name));
        }

        assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("reader-20")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("Stream " + stream + ACCOUNT + " has 20 registered consumers, the maximum of 20.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aConsumerIsNamedByItsArnOrByStreamArnAndName(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String either = "Either ConsumerARN or both StreamARN and ConsumerName must be provided.";

        assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerName("reader")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(either);
        assertThatThrownBy(() -> kinesis.deregisterStreamConsumer(r -> r.consumerName("reader")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(either);
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void anUnknownConsumerArnIsResourceNotFound(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("ghosts");
        String ghost = create(kinesis, stream) + "/consumer/ghost:1700000000";
        String notFound = "Consumer " + ghost + " under stream " + stream + ACCOUNT + " not found.";

        assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(ghost)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith(notFound);
        assertThatThrownBy(() -> kinesis.deregisterStreamConsumer(r -> r.consumerARN(ghost)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith(notFound);
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void listStreamConsumersTakesOnlyItsOwnStreamsTokens(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String arn = create(kinesis, kind.streamName("listed"));
        String otherArn = create(kinesis, kind.streamName("other-listed"));
        kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("a"));
        kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("b"));
        String token = kinesis.listStreamConsumers(r -> r.streamARN(arn).maxResults(1)).nextToken();

        assertThatThrownBy(() -> kinesis.listStreamConsumers(r -> r.streamARN(otherArn).nextToken(token)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("NextToken was issued for stream " + arn + ", not " + otherArn + ".");
        assertThatThrownBy(() -> kinesis.listStreamConsumers(r -> r.streamARN(arn).nextToken("AAAA")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid NextToken: AAAA");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void listStreamConsumersOfAnEarlierStreamOfTheSameNameIsResourceNotFound(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("recreated");
        String arn = create(kinesis, stream);
        Instant created = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamCreationTimestamp();

        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(arn).streamCreationTimestamp(created)).consumers())
                .as("the stream's own creation time").isEmpty();
        assertThatThrownBy(() -> kinesis.listStreamConsumers(r -> r.streamARN(arn)
                .streamCreationTimestamp(Instant.parse("2020-01-01T00:00:00Z"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream " + stream + ACCOUNT + " not found.");
    }

    private static String create(KinesisClient kinesis, String stream) {
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
    }
}
