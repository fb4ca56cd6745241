package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.RecordDistributionStrategy;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/** The control-plane actions through every client kind: each one's happy path and a documented error. */
class StreamAdminIT {

    @RegisterExtension
    static final ServerWithClients sluice = new ServerWithClients(config -> config);

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void retentionGrowsAndShrinksWithinItsBounds(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("retention");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        kinesis.increaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(48));
        assertThat(summary(kinesis, stream).retentionPeriodHours()).isEqualTo(48);
        kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(24));
        assertThat(summary(kinesis, stream).retentionPeriodHours()).isEqualTo(24);
        assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(12)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Minimum allowed retention period is 24 hours. Requested retention period "
                        + "(12 hours) is too short.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void updateShardCountScalesUniformlyAndModeSwitches(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("scaling");
        kinesis.createStream(r -> r.streamName(stream).shardCount(2));

        UpdateShardCountResponse scaled = kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(4)
                .scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(scaled.currentShardCount()).isEqualTo(2);
        assertThat(scaled.targetShardCount()).isEqualTo(4);
        assertThat(summary(kinesis, stream).openShardCount()).isEqualTo(4);
        assertThatThrownBy(() -> kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(9)
                .scalingType(ScalingType.UNIFORM_SCALING)))
                .as("more than double the open shards").isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("UpdateShardCount cannot scale up over double your current open shard count. "
                        + "Current open shard count: 4, Target shard count: 9");

        String arn = summary(kinesis, stream).streamARN();
        kinesis.updateStreamMode(r -> r.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        assertThat(summary(kinesis, stream).streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    }

    /** The KPL reads the strategy to decide whether it may aggregate; Sluice always places by partition key. */
    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void theSummaryReportsRecordsPlacedByPartitionKey(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("distribution");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        assertThat(summary(kinesis, stream).recordDistributionStrategy())
                .isEqualTo(RecordDistributionStrategy.USER_PARTITION_KEY);
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void monitoringAndEncryptionSettingsAreStoredAndReported(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("settings");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));

        EnableEnhancedMonitoringResponse enabled = kinesis.enableEnhancedMonitoring(r -> r.streamName(stream)
                .shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics()).containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
        kinesis.disableEnhancedMonitoring(r -> r.streamName(stream).shardLevelMetrics(MetricsName.INCOMING_BYTES));
        assertThat(summary(kinesis, stream).enhancedMonitoring().get(0).shardLevelMetrics())
                .containsExactly(MetricsName.OUTGOING_RECORDS);

        kinesis.startStreamEncryption(r -> r.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        assertThat(summary(kinesis, stream).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(summary(kinesis, stream).keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("x")))
                .encryptionType()).isEqualTo(EncryptionType.KMS);
        kinesis.stopStreamEncryption(r -> r.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        assertThat(summary(kinesis, stream).encryptionType()).isEqualTo(EncryptionType.NONE);
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void resourceTaggingConsumersAndDeletion(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("lifecycle");
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        String arn = summary(kinesis, stream).streamARN();

        kinesis.tagResource(r -> r.resourceARN(arn).tags(Map.of("a", "1", "b", "2")));
        kinesis.untagResource(r -> r.resourceARN(arn).tagKeys("a"));
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags()).extracting(t -> t.key()).containsExactly("b");

        kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("reader"));
        kinesis.deregisterStreamConsumer(r -> r.streamARN(arn).consumerName("reader"));
        assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.streamARN(arn).consumerName("reader")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Consumer reader under stream " + stream + " under account 000000000000 not found.");

        kinesis.deleteStream(r -> r.streamARN(arn));
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(stream)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream " + stream + " under account 000000000000 not found.");
    }

    @ParameterizedTest
    @EnumSource(KinesisClients.class)
    void describeStreamAndListStreamsPaginate(KinesisClients kind) {
        KinesisClient kinesis = sluice.client(kind);
        String stream = kind.streamName("pages");
        kinesis.createStream(r -> r.streamName(stream).shardCount(3));

        DescribeStreamResponse first = kinesis.describeStream(r -> r.streamName(stream).limit(2));
        assertThat(first.streamDescription().shards()).hasSize(2);
        assertThat(first.streamDescription().hasMoreShards()).isTrue();
        DescribeStreamResponse rest = kinesis.describeStream(r -> r.streamName(stream)
                .exclusiveStartShardId(first.streamDescription().shards().get(1).shardId()));
        assertThat(rest.streamDescription().shards()).extracting(s -> s.shardId()).containsExactly("shardId-000000000002");
        assertThat(rest.streamDescription().hasMoreShards()).isFalse();

        ListStreamsResponse page = kinesis.listStreams(r -> r.limit(1));
        assertThat(page.streamNames()).hasSize(1);
        assertThat(page.hasMoreStreams()).isTrue();
        List<String> all = new java.util.ArrayList<>(page.streamNames());
        while (page.hasMoreStreams()) {
            String token = page.nextToken();
            page = kinesis.listStreams(r -> r.nextToken(token).limit(1));
            all.addAll(page.streamNames());
        }
        assertThat(all).contains(stream).doesNotHaveDuplicates();
    }

    private static StreamDescriptionSummary summary(KinesisClient kinesis, String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary();
    }
}
