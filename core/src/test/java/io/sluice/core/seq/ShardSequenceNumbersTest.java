package io.sluice.core.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.testing.Seeded;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardSequenceNumbersTest {

    /** The format as first written (String.format): persisted numbers and clients depend on it byte for byte. */
    private static String reference(long created, long shard, long offset) {
        return "4" + String.format("%013d%012d%019d", created, shard, offset);
    }

    @Test
    void encodesExactlyLikeTheOriginalFormat() {
        List<long[]> edges = List.of(new long[] {0, 0, 0}, new long[] {9_999_999_999_999L, 999_999_999_999L, Long.MAX_VALUE},
                new long[] {1_767_225_600_000L, 3, 42}, new long[] {1, 1, 1}, new long[] {1_767_225_600_000L, 12, 9_999_999_999L});
        Seeded.forAll(edges, 5_000, 11, random -> new long[] {
                Seeded.longBetween(random, 0, 9_999_999_999_999L),
                Seeded.longBetween(random, 0, 999_999_999_999L),
                Seeded.longBetween(random, 0, Long.MAX_VALUE)}, c -> {
                    String expected = reference(c[0], c[1], c[2]);
                    assertThat(new ShardSequenceNumbers(c[0], c[1]).encode(c[2])).isEqualTo(expected);
                    assertThat(new SequenceNumber(c[0], c[1], c[2]).encode()).isEqualTo(expected);
                });
    }

    @Test
    void oneEncoderGivesEveryOffsetItsOwnNumber() {
        ShardSequenceNumbers sequences = new ShardSequenceNumbers(1_767_225_600_000L, 5);
        for (long offset : new long[] {Long.MAX_VALUE, 0, 42, 9_999_999_999L, 1, Long.MAX_VALUE - 1, 7}) {
            assertThat(sequences.encode(offset)).as("offset %d after others", offset)
                    .isEqualTo(reference(1_767_225_600_000L, 5, offset));
        }
    }

    @Test
    void consecutiveOffsetsCarryAcrossEveryDigit() {
        ShardSequenceNumbers sequences = new ShardSequenceNumbers(1_767_225_600_000L, 5);
        for (long start : new long[] {0, 95, 9_999_999_990L, 999_999_999_999_999_990L, 41, Long.MAX_VALUE - 20}) {
            for (long offset = start; offset <= start + 20 && offset >= 0; offset++) {
                assertThat(sequences.encode(offset)).as("offset %d in a run from %d", offset, start)
                        .isEqualTo(reference(1_767_225_600_000L, 5, offset));
            }
        }
    }

    @Test
    void compareToFollowsTheEncodedText() {
        Seeded.forAll(List.of(), 5_000, 12, random -> List.of(
                new SequenceNumber(Seeded.longBetween(random, 0, 3), Seeded.longBetween(random, 0, 3), Seeded.longBetween(random, 0, Long.MAX_VALUE)),
                new SequenceNumber(Seeded.longBetween(random, 0, 3), Seeded.longBetween(random, 0, 3), Seeded.longBetween(random, 0, Long.MAX_VALUE))),
                pair -> assertThat(Integer.signum(pair.get(0).compareTo(pair.get(1))))
                        .isEqualTo(Integer.signum(pair.get(0).encode().compareTo(pair.get(1).encode()))));
    }

    @Test
    void rejectsWhatSequenceNumberRejects() {
        assertThatThrownBy(() -> new ShardSequenceNumbers(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShardSequenceNumbers(0, 1_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShardSequenceNumbers(0, 0).encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
