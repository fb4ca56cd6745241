package io.sluice.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.Seeded;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashKeysTest {

    @Test
    void oneShardCoversTheWholeKeySpace() {
        assertThat(HashKeys.uniformRanges(1)).containsExactly(new HashKeyRange(BigInteger.ZERO,
                new BigInteger("340282366920938463463374607431768211455")));
    }

    @Test
    void threeShardsGetKinesisRanges() {
        List<HashKeyRange> ranges = HashKeys.uniformRanges(3);
        assertThat(ranges).extracting(r -> r.start().toString() + ".." + r.end().toString()).containsExactly(
                "0..113427455640312821154458202477256070484",
                "113427455640312821154458202477256070485..226854911280625642308916404954512140969",
                "226854911280625642308916404954512140970..340282366920938463463374607431768211455");
    }

    @Test
    void partitionKeyHashIsMd5AsUnsigned128BitInteger() {
        assertThat(HashKeys.hashOf("a")).isEqualTo(new BigInteger("16955237001963240173058271559858726497"));
        assertThat(HashKeys.hashOf("partitionkey")).isEqualTo(new BigInteger("278942316422165464922406716631207443189"));
    }

    @Test
    void explicitHashKeyMustBeDecimalWithin128Bits() {
        assertThat(HashKeys.parseExplicit("0")).contains(BigInteger.ZERO);
        assertThat(HashKeys.parseExplicit("340282366920938463463374607431768211455")).contains(HashKeys.MAX);
        assertThat(HashKeys.parseExplicit("340282366920938463463374607431768211456")).isEmpty();
        assertThat(HashKeys.parseExplicit("-1")).isEmpty();
        assertThat(HashKeys.parseExplicit("12a")).isEmpty();
        assertThat(HashKeys.parseExplicit("")).isEmpty();
    }

    /** Every shard count from 1 to 2000, exhaustively. */
    @Test
    void uniformRangesTileTheKeySpaceWithoutGapsOrOverlap() {
        Seeded.exhaustively(IntStream.rangeClosed(1, 2000).boxed().toList(), count -> {
            List<HashKeyRange> ranges = HashKeys.uniformRanges(count);
            assertThat(ranges).hasSize(count);
            assertThat(ranges.get(0).start()).isEqualTo(BigInteger.ZERO);
            assertThat(ranges.get(count - 1).end()).isEqualTo(HashKeys.MAX);
            BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
            for (int i = 0; i < count; i++) {
                assertThat(ranges.get(i).start()).isEqualTo(width.multiply(BigInteger.valueOf(i)));
                if (i > 0) {
                    assertThat(ranges.get(i - 1).end().add(BigInteger.ONE)).isEqualTo(ranges.get(i).start());
                }
            }
        });
    }

    /** Keys of 1 to 256 UTF-16 chars: the edge cases below, then 1000 seeded random keys. */
    @Test
    void everyPartitionKeyHashesIntoTheKeySpace() {
        List<String> edgeKeys = List.of(
                "a", "\u0000", " ", "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800", "\uffff",
                "\ud800", "\udfff", "\ud83d\ude00", "\udbff\udfff", "partitionkey",
                "x".repeat(256), "\u0000".repeat(256), "\u00e9".repeat(256), "\uffff".repeat(256),
                "\ud800".repeat(256), "\ud83d\ude00".repeat(128));
        Seeded.forAll(edgeKeys, 1000, 0x5EED_4A5CL, HashKeysTest::partitionKey, key -> {
            BigInteger h = HashKeys.hashOf(key);
            assertThat(h.signum()).isGreaterThanOrEqualTo(0);
            assertThat(h).isLessThanOrEqualTo(HashKeys.MAX);
        });
    }

    /**
     * A key of 1 to 256 UTF-16 chars, each code point printable ASCII, any UTF-16 unit (NUL and lone surrogates
     * included) or a supplementary code point (a surrogate pair).
     */
    private static String partitionKey(Random random) {
        int length = Seeded.intBetween(random, 1, 256);
        StringBuilder key = new StringBuilder(length);
        while (key.length() < length) {
            int codePoint = switch (random.nextInt(3)) {
                case 0 -> random.nextInt(0x20, 0x7f);
                case 1 -> random.nextInt(0, 0x1_0000);
                default -> random.nextInt(0x1_0000, Character.MAX_CODE_POINT + 1);
            };
            if (key.length() + Character.charCount(codePoint) <= length) {
                key.appendCodePoint(codePoint);
            }
        }
        return key.toString();
    }
}
