package io.sluice.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardIdsTest {

    @Test
    void formatMatchesTheOriginalPaddedFormat() {
        for (int index : new int[] {0, 1, 7, 9, 10, 99_999, 123_456_789, 999_999_999, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            assertThat(ShardIds.format(index)).as("index %d", index).isEqualTo(String.format("%s%012d", "shardId-", index));
        }
    }
}
