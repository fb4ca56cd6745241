package io.sluice.core.stream;

import io.sluice.core.hash.HashKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a hash key to the open shard whose range contains it. Immutable snapshot built from the open shards
 * (which tile the hash key space without gaps); a binary search over their starting keys, held as
 * {@link HashKey}s so routing a record compares longs and allocates nothing. Thread-safe.
 */
public final class ShardRouter {

    private final HashKey[] starts;
    private final Shard[] shards;

    /** A routing entry: an open shard and its starting hash key. */
    public record Entry(BigInteger startingHashKey, Shard shard) {
    }

    public ShardRouter(List<Entry> openShards) {
        List<Entry> sorted = new ArrayList<>(openShards);
        sorted.sort(Comparator.comparing(Entry::startingHashKey));
        starts = new HashKey[sorted.size()];
        shards = new Shard[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            starts[i] = HashKey.of(sorted.get(i).startingHashKey());
            shards[i] = sorted.get(i).shard();
        }
    }

    /** The open shard for {@code hashKey}; the streams's open shards always cover the whole key space. */
    public Shard route(BigInteger hashKey) {
        return route(HashKey.of(hashKey));
    }

    /** The open shard for {@code hashKey}; the streams's open shards always cover the whole key space. */
    public Shard route(HashKey hashKey) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid].compareTo(hashKey) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return shards[lo];
    }
}
