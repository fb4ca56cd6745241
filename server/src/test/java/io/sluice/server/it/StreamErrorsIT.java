package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * The documented errors of the stream actions — deletion, retention, tags, capacity mode — through every client
 * kind, with the messages a user sees.
 */
class StreamErrorsIT {

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config);

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aStreamWithConsumersIsDeletedOnlyWithEnforceConsumerDeletion(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("consumed");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("reader"));

        assertThatThrownBy(() -> kinesis.deleteStream(r -> r.streamName(stream)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Stream " + stream + " under account 000000000000 has registered consumers. "
                        + "Deregister them or set EnforceConsumerDeletion.");
        kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
        assertThat(kinesis.listStreams(r -> { }).streamNames()).doesNotContain(stream);
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void retentionBeyondItsMaximumOrAgainstTheActionsDirectionIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("retention");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(9000)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Maximum allowed retention period is 8760 hours. Requested retention period "
                        + "(9000 hours) is too long.");
        assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(48)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Requested retention period (48 hours) for stream " + stream + " can not be "
                        + "longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.");
        kinesis.increaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(72));
        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(48)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Requested retention period (48 hours) for stream " + stream + " can not be "
                        + "shorter than existing retention period (72 hours). Use DecreaseRetentionPeriod API.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void tagsWithCharactersKinesisRefusesAreInvalidArguments(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("tagchars");
        String invalid = "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, "
                + "_ . / = + - % @.";

        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(stream).shardCount(1).tags(Map.of("team#1", "data"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(invalid);
        kinesis.createStream(r -> r.streamName(stream).shardCount(1).tags(Map.of("owner", "J\u00fcrgen / data-eng@x:y")));
        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("team", "<data>"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(invalid);
        assertThatThrownBy(() -> kinesis.removeTagsFromStream(r -> r.streamName(stream).tagKeys("team#1")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(invalid);
        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("share", "100%"))))
                .as("Kinesis lists %% as valid but refuses it")
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to add tags to stream " + stream + " under account 000000000000 because "
                        + "some tags contained illegal characters. The allowed characters are Unicode letters, "
                        + "white-spaces, '_',',','/','=','+','-','@',':'.");
        assertThatThrownBy(() -> kinesis.removeTagsFromStream(r -> r.streamName(stream).tagKeys("100%")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to remove tags from stream " + stream + " under account 000000000000 "
                        + "because some tags contained illegal characters.");
        assertThat(kinesis.listTagsForStream(r -> r.streamName(stream)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("owner=J\u00fcrgen / data-eng@x:y");
        assertThatThrownBy(() -> kinesis.removeTagsFromStream(r -> r.streamName(stream + "-gone").tagKeys("team#1")))
                .as("the stream is checked before the keys' characters")
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream " + stream + "-gone under account 000000000000 not found.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void tagLengthsAreReportedOnceForTheWholeMember(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("taglengths");
        String longValue = "v".repeat(257);

        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(stream).shardCount(1)
                .tags(Map.of("team", longValue))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '{team=" + longValue + "}' at 'tags' failed "
                        + "to satisfy constraint: Map value must satisfy constraint: [Member must have length less than "
                        + "or equal to 256, Member must have length greater than or equal to 0]");
        assertThatThrownBy(() -> kinesis.removeTagsFromStream(r -> r.streamName(stream).tagKeys("")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy "
                        + "constraint: Member must satisfy constraint: [Member must have length less than or equal to "
                        + "128, Member must have length greater than or equal to 1]");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void aStreamHoldsAtMostFiftyTags(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("tagged");
        String tooMany = "Failed to add tags to stream " + stream + " under account 000000000000 because a given stream "
                + "cannot have more than 50 tags associated with it.";

        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(stream).shardCount(1).tags(tags(51))))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith(tooMany);
        kinesis.createStream(r -> r.streamName(stream).shardCount(1).tags(tags(50)));
        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("one-more", "x"))))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith(tooMany);
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void startingEncryptionOfTypeNoneIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("unencrypted");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        assertThatThrownBy(() -> kinesis.startStreamEncryption(r -> r.streamName(stream)
                .encryptionType(EncryptionType.NONE).keyId("alias/aws/kinesis")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("StartStreamEncryption needs EncryptionType KMS, got NONE; "
                        + "StopStreamEncryption turns encryption off.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void switchingToTheCurrentCapacityModeIsInvalid(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("mode");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();

        assertThatThrownBy(() -> kinesis.updateStreamMode(r -> r.streamARN(arn)
                .streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Stream " + stream + " under account 000000000000 is already in PROVISIONED mode.");
    }

    @Test
    void theAccountsOnDemandStreamLimitRefusesOneMoreOnDemandStream() {
        KinesisClient admin = sluice.client(KinesisClients.SYNC_JSON);
        DescribeLimitsResponse limits = admin.describeLimits(r -> { });
        List<String> created = new ArrayList<>();
        for (int i = limits.onDemandStreamCount(); i < limits.onDemandStreamCountLimit(); i++) {
            String name = "on-demand-" + i;
            admin.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
            created.add(name);
        }
        try {
            for (KinesisClients kind : KinesisClients.values()) {
                KinesisClient kinesis = sluice.client(kind);
                String stream = kind.streamName("one-too-many");
                String limitText = "This request would exceed the on-demand stream limit of "
                        + limits.onDemandStreamCountLimit() + " for the account 000000000000 in us-east-1.";

                assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(stream)
                        .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
                        .as(kind.name()).isInstanceOf(LimitExceededException.class).hasMessageStartingWith(limitText);
                kinesis.createStream(r -> r.streamName(stream).shardCount(1));
                String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
                assertThatThrownBy(() -> kinesis.updateStreamMode(r -> r.streamARN(arn)
                        .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
                        .as(kind.name()).isInstanceOf(LimitExceededException.class).hasMessageStartingWith(limitText);
            }
        } finally {
            created.forEach(name -> admin.deleteStream(r -> r.streamName(name)));
        }
    }

    private static Map<String, String> tags(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toMap(i -> "key-" + i, i -> "value"));
    }
}
