package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AcknowledgedOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final AcknowledgedOffsets offsets = new AcknowledgedOffsets();

    @Test
    void commitsUpToTheLowestOutstandingOffsetThenPastTheHighestAccepted() {
        for (long o = 10; o <= 13; o++) {
            offsets.accepted(P0, o);
        }
        offsets.done(P0, 10);
        offsets.done(P0, 12);
        offsets.done(P0, 13);
        assertThat(offsets.committable(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(11)));
        offsets.done(P0, 11);
        assertThat(offsets.committable(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(14)));
        assertThat(offsets.outstanding()).isZero();
    }

    @Test
    void leavesOutPartitionsWithoutAcceptedRecords() {
        offsets.accepted(P0, 5);
        assertThat(offsets.committable(List.of(P0, P1))).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
    }

    @Test
    void recognisesRedeliveredOffsets() {
        offsets.accepted(P0, 5);
        assertThat(offsets.isNew(P0, 5)).isFalse();
        assertThat(offsets.isNew(P0, 4)).isFalse();
        assertThat(offsets.isNew(P0, 6)).isTrue();
        assertThat(offsets.isNew(P1, 0)).isTrue();
    }

    @Test
    void forgetsClosedPartitionsSoTheirRecordsAreAcceptedAgain() {
        offsets.accepted(P0, 5);
        offsets.forget(List.of(P0));
        assertThat(offsets.isNew(P0, 5)).isTrue();
        assertThat(offsets.committable(List.of(P0))).isEmpty();
        offsets.done(P0, 5); // a late acknowledgement of a closed partition is ignored
        assertThat(offsets.outstanding()).isZero();
    }
}
