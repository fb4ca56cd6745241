package io.sluice.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.source.SourceOffsets.Checkpoint;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class SourceOffsetsTest {

    private static final ShardRef SHARD = new ShardRef("orders", "shardId-000000000001");
    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";

    @Test
    void partitionsAndOffsetsRoundTrip() {
        assertThat(SourceOffsets.toPartition(SHARD))
                .isEqualTo(Map.of("stream", "orders", "shard", "shardId-000000000001"));
        assertThat(SourceOffsets.fromPartition(SourceOffsets.toPartition(SHARD))).isEqualTo(SHARD);
        assertThat(SourceOffsets.toOffset(Checkpoint.after(SEQUENCE))).isEqualTo(Map.of("sequence.number", SEQUENCE));
        assertThat(SourceOffsets.toOffset(Checkpoint.inAggregate(SEQUENCE, 3)))
                .isEqualTo(Map.of("sequence.number", SEQUENCE, "sub.sequence.number", 3L));
        assertThat(SourceOffsets.fromOffset(Map.of("sequence.number", SEQUENCE))).contains(Checkpoint.after(SEQUENCE));
        // JSON gives back an Integer where a Long went in.
        assertThat(SourceOffsets.fromOffset(Map.of("sequence.number", SEQUENCE, "sub.sequence.number", 3)))
                .contains(Checkpoint.inAggregate(SEQUENCE, 3));
        assertThat(SourceOffsets.fromOffset(null)).isEmpty();
        assertThat(Checkpoint.inAggregate(SEQUENCE, 3).midAggregate()).isTrue();
        assertThat(Checkpoint.after(SEQUENCE).midAggregate()).isFalse();
    }

    @Test
    void acceptsWellFormedOffsetsAndResets() {
        Map<String, ?> partition = SourceOffsets.toPartition(SHARD);
        assertThatCode(() -> SourceOffsets.validate(partition, Map.of("sequence.number", SEQUENCE)))
                .doesNotThrowAnyException();
        assertThatCode(() -> SourceOffsets.validate(partition, Map.of("sequence.number", "1",
                "sub.sequence.number", 0))).doesNotThrowAnyException();
        assertThatCode(() -> SourceOffsets.validate(partition, null)).as("a reset").doesNotThrowAnyException();
        assertThat(SourceOffsets.partitionErrors(partition)).isEmpty();
    }

    @Test
    void rejectsMalformedOffsetsNamingEachProblem() {
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.toPartition(SHARD),
                Map.of("sequence.number", "1".repeat(129))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Invalid offset for source partition {stream=orders, shard=shardId-000000000001}: "
                        + "sequence.number must be a string of 1 to 128 digits (a Kinesis sequence number), got '"
                        + "1".repeat(129) + "'");
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.toPartition(SHARD),
                Map.of("sequence.number", 42L, "sub.sequence.number", -1)))
                .hasMessage("Invalid offset for source partition {stream=orders, shard=shardId-000000000001}: "
                        + "sequence.number must be a string of 1 to 128 digits (a Kinesis sequence number), got 42 "
                        + "(Long); sub.sequence.number must be a whole number of at least 0, got -1 (Integer)");
        Map<String, Object> partition = new HashMap<>(SourceOffsets.toPartition(SHARD));
        partition.put("topic", "x");
        partition.put("stream", "no/slash");
        assertThatThrownBy(() -> SourceOffsets.validate(partition, Map.of("sequence.number", SEQUENCE)))
                .hasMessage("Invalid offset for source partition {stream=no/slash, shard=shardId-000000000001, "
                        + "topic=x}: unknown partition key 'topic' (the keys are stream and shard); stream must be a "
                        + "stream name (1 to 128 of a-z A-Z 0-9 _ . -), got 'no/slash'");
    }
}
