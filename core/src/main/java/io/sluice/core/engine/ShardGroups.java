package io.sluice.core.engine;

import io.sluice.core.stream.Shard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one PutRecords pass grouped by the shard they route to: groups in order of their shard's first
 * entry, and each group's entry indexes in the order added (request order, which its sequence numbers follow).
 * Indexes are kept in {@code int} arrays, so grouping 500 entries costs no boxed {@code Integer} or list per
 * entry. Not thread-safe: one per call.
 */
final class ShardGroups {

    /** One shard and the indexes of its entries. */
    static final class Group {
        private final Shard shard;
        private int[] entries = new int[16];
        private int size;

        private Group(Shard shard) {
            this.shard = shard;
        }

        Shard shard() {
            return shard;
        }

        /** The entry indexes, in the order added. */
        int[] entries() {
            return Arrays.copyOf(entries, size);
        }

        private void add(int entry) {
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = entry;
        }
    }

    private final Map<Shard, Group> byShard = new IdentityHashMap<>();
    private final List<Group> groups = new ArrayList<>();
    private Group last; // entries of a call mostly come in runs for one shard: skip the map lookup for those

    void add(Shard shard, int entry) {
        Group group = last != null && last.shard == shard ? last : byShard.get(shard);
        if (group == null) {
            group = new Group(shard);
            byShard.put(shard, group);
            groups.add(group);
        }
        group.add(entry);
        last = group;
    }

    List<Group> groups() {
        return groups;
    }
}
