package io.sluice.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.source.ShardLineage.Readable;
import io.sluice.connect.source.ShardLineage.ShardInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardLineageTest {

    private static ShardRef ref(int n) {
        return new ShardRef("s", String.format("shardId-%012d", n));
    }

    private static ShardInfo shard(int n, Integer parent, Integer adjacent, boolean closed) {
        return new ShardInfo(ref(n), Optional.ofNullable(parent).map(p -> ref(p).shardId()),
                Optional.ofNullable(adjacent).map(a -> ref(a).shardId()), closed);
    }

    // 0 split into 2 and 3; 2 and 3 merged into 4; 1 untouched.
    private static final List<ShardInfo> LISTED = List.of(shard(0, null, null, true), shard(1, null, null, false),
            shard(2, 0, null, true), shard(3, 0, null, true), shard(4, 2, 3, false));

    @Test
    void childrenWaitUntilTheirParentsAreFinished() {
        Readable readable = ShardLineage.readable(LISTED, Set.of(), s -> true);
        assertThat(readable.shards()).containsExactly(ref(0), ref(1));
        assertThat(readable.fromStart()).isEmpty();
    }

    @Test
    void splitChildrenStartFromTheirStartOnceTheParentIsFinished() {
        Readable readable = ShardLineage.readable(LISTED, Set.of(ref(0)), s -> true);
        assertThat(readable.shards()).containsExactly(ref(1), ref(2), ref(3));
        assertThat(readable.fromStart()).containsExactlyInAnyOrder(ref(2), ref(3));
    }

    @Test
    void aMergedShardWaitsForBothParents() {
        assertThat(ShardLineage.readable(LISTED, Set.of(ref(0), ref(2)), s -> true).shards())
                .containsExactly(ref(1), ref(3));
        assertThat(ShardLineage.readable(LISTED, Set.of(ref(0), ref(2), ref(3)), s -> true).shards())
                .containsExactly(ref(1), ref(4));
    }

    @Test
    void parentsOutsideTheListingAreNotWaitedForAndUnreadParentsKeepThePosition() {
        List<ShardInfo> expired = List.of(shard(1, null, null, false), shard(4, 2, 3, false));
        Readable readable = ShardLineage.readable(expired, Set.of(), s -> true);
        assertThat(readable.shards()).containsExactly(ref(1), ref(4));
        assertThat(readable.fromStart()).isEmpty();
        assertThat(ShardLineage.readable(LISTED, Set.of(ref(0)), s -> false).fromStart())
                .as("children of a parent skipped by LATEST start at LATEST too").isEmpty();
    }

    @Test
    void assignmentNeverExceedsMaxTasksAndBalances() {
        List<ShardRef> five = List.of(ref(4), ref(0), ref(2), ref(1), ref(3));
        assertThat(ShardAssignment.distribute(five, 2)).containsExactly(
                List.of(ref(0), ref(2), ref(4)), List.of(ref(1), ref(3)));
        assertThat(ShardAssignment.distribute(five, 9)).hasSize(5);
        assertThat(ShardAssignment.distribute(List.of(), 3)).isEmpty();
        assertThat(ShardAssignment.distribute(five, 1)).containsExactly(List.of(ref(0), ref(1), ref(2), ref(3),
                ref(4)));
    }

    @Test
    void shardRefsRoundTripThroughTheirText() {
        assertThat(ShardRef.parse("orders/shardId-000000000001")).isEqualTo(new ShardRef("orders",
                "shardId-000000000001"));
        assertThat(new ShardRef("orders", "shardId-000000000001")).hasToString("orders/shardId-000000000001");
    }
}
