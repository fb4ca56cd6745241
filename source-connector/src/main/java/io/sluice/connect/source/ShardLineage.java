package io.sluice.connect.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which shards may be read now, so that each partition key's records reach Kafka in order across splits and merges.
 *
 * <p>A shard is <em>finished</em> when it is closed, read to its end, and its last record's offset is committed
 * (the connector checks that against the committed offsets: see {@link ShardMonitor}). A shard is <em>readable</em>
 * when it is not finished and every parent it has in the listing is finished; a parent missing from the listing
 * (expired, or not selected by {@code kinesis.shard.id}) is not waited for. A readable shard whose listed parent
 * was read ({@code parentRead}: it has a committed offset, or was assigned to a task, or everything is read from the
 * trim horizon) starts at its trim horizon when it has no offset, whatever {@code kinesis.position} says: its
 * records come right after its parent's. A child of parents skipped by {@code LATEST} or {@code AT_TIMESTAMP}
 * keeps that position.
 *
 * <pre>
 *   shard-0 (closed, finished) ─┬─ shard-1 (open)     readable, from its start
 *                               └─ shard-2 (open)     readable, from its start
 *   shard-3 (closed, reading)  ─┬─ shard-5 (open)     not yet: its parent shard-3 is not finished
 *   shard-4 (open)             ─┘                     (an adjacent parent merged into shard-5: readable)
 * </pre>
 *
 * Pure and thread-safe.
 */
public final class ShardLineage {

    /** A shard as listed: its parents and whether it is closed (has an ending sequence number). */
    public record ShardInfo(ShardRef ref, Optional<String> parentShardId, Optional<String> adjacentParentShardId,
                            boolean closed) {
    }

    /** The readable shards in order, and those of them that start at their trim horizon without an offset. */
    public record Readable(List<ShardRef> shards, Set<ShardRef> fromStart) {
        public Readable {
            shards = List.copyOf(shards);
            fromStart = Set.copyOf(fromStart);
        }
    }

    private ShardLineage() {
    }

    public static Readable readable(Collection<ShardInfo> listed, Set<ShardRef> finished,
                                    Predicate<ShardRef> parentRead) {
        Map<ShardRef, ShardInfo> byRef = listed.stream()
                .collect(Collectors.toMap(ShardInfo::ref, Function.identity(), (a, b) -> a, TreeMap::new));
        List<ShardRef> shards = new ArrayList<>();
        Set<ShardRef> fromStart = new TreeSet<>();
        for (ShardInfo shard : byRef.values()) {
            if (finished.contains(shard.ref())) {
                continue;
            }
            List<ShardRef> parents = parentsListed(shard, byRef);
            if (parents.stream().allMatch(finished::contains)) {
                shards.add(shard.ref());
                if (parents.stream().anyMatch(parentRead)) {
                    fromStart.add(shard.ref());
                }
            }
        }
        return new Readable(shards, fromStart);
    }

    /** The parents of {@code shard} that are in the listing. */
    static List<ShardRef> parentsListed(ShardInfo shard, Map<ShardRef, ShardInfo> byRef) {
        List<ShardRef> parents = new ArrayList<>(2);
        for (Optional<String> parent : List.of(shard.parentShardId(), shard.adjacentParentShardId())) {
            parent.map(id -> new ShardRef(shard.ref().stream(), id)).filter(byRef::containsKey).ifPresent(parents::add);
        }
        return parents;
    }
}
