package io.sluice.core.iterator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.Seeded;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IteratorCodecTest {

    private static final String NAME_CHARS = "abcXYZ019_.-";

    private final IteratorCodec codec = new IteratorCodec(new byte[32]);

    @Test
    void iteratorForALongestStreamNameFitsKinesisLimit() {
        String iterator = codec.encode(new ShardPosition("x".repeat(128), 1L, Integer.MAX_VALUE, Long.MAX_VALUE, 2L));
        assertThat(iterator.length()).isEqualTo(240).isLessThanOrEqualTo(512);
    }

    @Test
    void iteratorFromAnotherKeyIsRejected() {
        byte[] other = new byte[32];
        other[0] = 1;
        String iterator = new IteratorCodec(other).encode(new ShardPosition("s", 1, 0, 5, 2));
        assertThat(codec.decode(iterator)).isEmpty();
    }

    @Test
    void garbageIsRejected() {
        assertThat(codec.decode("not base64 !")).isEmpty();
        assertThat(codec.decode("AAAA")).isEmpty();
        assertThat(codec.decode("")).isEmpty();
    }

    /**
     * Every combination of the edge values (144), every one-character name (12), then 1000 seeded random positions.
     */
    @Test
    void roundTripsEveryPosition() {
        List<ShardPosition> edges = new ArrayList<>();
        for (String name : List.of("a", "-", NAME_CHARS, NAME_CHARS.repeat(11).substring(0, 128))) {
            for (int shard : List.of(0, 1, Integer.MAX_VALUE)) {
                for (long offset : List.of(0L, 1L, Long.MAX_VALUE)) {
                    for (long issued : List.of(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE)) {
                        edges.add(new ShardPosition(name, 1_767_225_600_000L, shard, offset, issued));
                    }
                }
            }
        }
        edges.addAll(NAME_CHARS.chars().mapToObj(c -> new ShardPosition(Character.toString(c), 1_767_225_600_000L,
                3, 99, 1000)).toList());
        Seeded.forAll(edges, 1000, 0x17E4_0001L,
                random -> new ShardPosition(streamName(random), 1_767_225_600_000L,
                        Seeded.intBetween(random, 0, Integer.MAX_VALUE), Seeded.longBetween(random, 0, Long.MAX_VALUE),
                        Seeded.longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE)),
                pos -> assertThat(codec.decode(codec.encode(pos))).contains(pos));
    }

    /**
     * Every single-bit flip of every byte, in iterators for a 1-char, a 6-char and a 128-char stream name and for
     * extreme field values: (51 + 56 + 178 + 56) bytes * 8 bits = 2728 flips.
     */
    @Test
    void anyFlippedBitIsDetected() {
        record Flip(ShardPosition position, int byteIndex, int bit) {
        }
        List<Flip> flips = new ArrayList<>();
        for (ShardPosition position : List.of(
                new ShardPosition("a", 7, 3, 99, 1000),
                new ShardPosition("stream", 7, 3, 99, 1000),
                new ShardPosition("x".repeat(128), 1L, Integer.MAX_VALUE, Long.MAX_VALUE, 2L),
                new ShardPosition("stream", 0, 0, 0, Long.MIN_VALUE))) {
            int length = Base64.getDecoder().decode(codec.encode(position)).length;
            for (int byteIndex = 0; byteIndex < length; byteIndex++) {
                for (int bit = 0; bit < 8; bit++) {
                    flips.add(new Flip(position, byteIndex, bit));
                }
            }
        }
        assertThat(flips).hasSize((51 + 56 + 178 + 56) * 8);
        Seeded.exhaustively(flips, flip -> {
            byte[] raw = Base64.getDecoder().decode(codec.encode(flip.position()));
            raw[flip.byteIndex()] ^= (byte) (1 << flip.bit());
            assertThat(codec.decode(Base64.getEncoder().encodeToString(raw))).isEmpty();
        });
    }

    /** A stream name of 1 to 128 characters from {@link #NAME_CHARS}. */
    private static String streamName(Random random) {
        int length = Seeded.intBetween(random, 1, 128);
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return name.toString();
    }
}
