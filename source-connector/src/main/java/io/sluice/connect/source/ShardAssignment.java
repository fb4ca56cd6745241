package io.sluice.connect.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Spreads shards over at most {@code maxTasks} tasks, round robin in shard order, so no task has more than one
 * shard more than another and there are never more groups than shards or than {@code maxTasks}:
 *
 * <pre>
 *   shards a/0 a/1 a/2 b/0 b/1, maxTasks 2  →  task 0: a/0 a/2 b/1   task 1: a/1 b/0
 *   shards a/0,                 maxTasks 4  →  task 0: a/0
 * </pre>
 *
 * Pure and thread-safe.
 */
public final class ShardAssignment {

    private ShardAssignment() {
    }

    public static List<List<ShardRef>> distribute(List<ShardRef> shards, int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, got " + maxTasks);
        }
        List<ShardRef> sorted = shards.stream().sorted().toList();
        int groups = Math.min(maxTasks, sorted.size());
        List<List<ShardRef>> result = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            result.add(new ArrayList<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            result.get(i % groups).add(sorted.get(i));
        }
        return result.stream().map(List::copyOf).toList();
    }
}
