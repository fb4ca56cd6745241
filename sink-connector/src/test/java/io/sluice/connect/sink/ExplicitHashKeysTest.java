package io.sluice.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExplicitHashKeysTest {

    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);

    /** The shard of a stream created with {@code shards} shards that holds {@code hashKey} (Kinesis's even split). */
    private static int shardOf(String hashKey, int shards) {
        BigInteger width = SPACE.divide(BigInteger.valueOf(shards));
        return Math.min(shards - 1, new BigInteger(hashKey).divide(width).intValueExact());
    }

    @Test
    void onePartitionGetsTheMidpointOfTheWholeSpace() {
        assertThat(new ExplicitHashKeys(1).forPartition(0)).isEqualTo("170141183460469231731687303715884105728");
    }

    @Test
    void fourPartitionsGetTheMidpointsOfFourQuarters() {
        ExplicitHashKeys keys = new ExplicitHashKeys(4);
        assertThat(keys.forPartition(0)).isEqualTo(SPACE.divide(BigInteger.valueOf(8)).toString());
        assertThat(keys.forPartition(3)).isEqualTo(SPACE.multiply(BigInteger.valueOf(7))
                .divide(BigInteger.valueOf(8)).toString());
        assertThat(keys.forPartition(4)).as("partitions beyond n wrap around").isEqualTo(keys.forPartition(0));
    }

    @Test
    void nPartitionsLandOnDistinctShardsWheneverThereAreAtLeastNShards() {
        for (int n = 1; n <= 12; n++) {
            ExplicitHashKeys keys = new ExplicitHashKeys(n);
            for (int shards = n; shards <= 40; shards++) {
                Set<Integer> used = new HashSet<>();
                for (int p = 0; p < n; p++) {
                    String key = keys.forPartition(p);
                    assertThat(new BigInteger(key)).isBetween(BigInteger.ZERO, SPACE.subtract(BigInteger.ONE));
                    used.add(shardOf(key, shards));
                }
                assertThat(used).as("%d partitions over %d shards", n, shards).hasSize(n);
            }
        }
    }

    @Test
    void rejectsZeroSlices() {
        assertThatThrownBy(() -> new ExplicitHashKeys(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slices must be at least 1, got 0");
    }
}
