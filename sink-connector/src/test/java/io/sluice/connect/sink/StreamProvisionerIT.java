package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.sink.config.StreamCapacity;
import io.sluice.server.testing.SluiceServerExtension;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Missing streams against a real Sluice server: created provisioned or on-demand, or refused by name. */
class StreamProvisionerIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    private static ManagedKinesisClient managed;
    private static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        managed = SinkItSupport.kinesis(SLUICE);
        kinesis = managed.client();
    }

    @AfterAll
    static void closeClient() {
        managed.close();
    }

    private static StreamDescriptionSummary summary(String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary();
    }

    @Test
    void createsAProvisionedStreamWithTheShardCountAndWaitsUntilItIsActive() {
        new StreamProvisioner(kinesis, true, StreamCapacity.parse("4")).ensureExists("four", "test");
        assertThat(summary("four").openShardCount()).isEqualTo(4);
        assertThat(summary("four").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(summary("four").streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
    }

    @Test
    void createsAnOnDemandStream() {
        new StreamProvisioner(kinesis, true, StreamCapacity.parse("on-demand")).ensureExists("elastic", "test");
        assertThat(summary("elastic").streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary("elastic").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void leavesAnExistingStreamAsItIs() {
        kinesis.createStream(r -> r.streamName("existing").shardCount(2));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName("existing"));
        new StreamProvisioner(kinesis, true, StreamCapacity.parse("5")).ensureExists("existing", "test");
        assertThat(summary("existing").openShardCount()).isEqualTo(2);
    }

    @Test
    void refusesAMissingStreamWithoutAutoCreateNamingItAndTheSetting() {
        assertThatThrownBy(() -> new StreamProvisioner(kinesis, false, StreamCapacity.parse("1"))
                .ensureExists("absent", "kinesis.stream=${topic} for topic absent"))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Stream 'absent' (kinesis.stream=${topic} for topic absent) does not exist: create it, or "
                        + "set kinesis.stream.auto.create=true to have the connector create it");
    }
}
