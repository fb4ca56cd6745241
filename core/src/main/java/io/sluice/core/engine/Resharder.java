package io.sluice.core.engine;

import io.sluice.core.api.ScalingType;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.UpdateShardCountResult;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.error.ValidationException;
import io.sluice.core.hash.HashKeyRange;
import io.sluice.core.hash.HashKeys;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.meta.StreamMode;
import io.sluice.core.meta.StreamStatus;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import io.sluice.core.stream.ShardIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * SplitShard, MergeShards and UpdateShardCount, plus the splits of on-demand scaling.
 *
 * <p>Every reshape is one step: open the children's logs, then, holding the parents' append locks (so no
 * record lands after a parent's end offset), write the new metadata atomically and publish it; writers that
 * find a parent closed route again with the new layout. UpdateShardCount (UNIFORM_SCALING) reaches the uniform
 * layout of the target count by splitting open shards at the target boundaries and then merging, left to right,
 * the shards each target range holds, as Kinesis does with intermediate shards; so every new shard has exact
 * lineage (a parent, and for merges an adjacent parent).
 *
 * <p>Thread-safety: all operations of a stream run under its control lock; writers and readers are not blocked
 * except for the parents' appends during the metadata write.
 */
public final class Resharder {

    public static final int MAX_SCALINGS_PER_DAY = 10;
    private static final long DAY_MS = 24 * 3_600_000L;

    private final StreamRegistry registry;
    private final String account;

    public Resharder(StreamRegistry registry) {
        this.registry = registry;
        this.account = registry.config().accountId();
    }

    public void split(StreamRef ref, String shardToSplit, String newStartingHashKey) {
        Validation.required("shardToSplit", shardToSplit);
        Validation.required("newStartingHashKey", newStartingHashKey);
        if (!newStartingHashKey.matches("0|([1-9]\\d{0,38})")) {
            throw Validation.error("newStartingHashKey", newStartingHashKey, "satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
        }
        requireShardIndex(ref, shardToSplit);
        LiveStream stream = registry.resolve(ref);
        stream.controlLock().lock();
        try {
            StreamMetadata meta = checkReshardable(stream, "SplitShard");
            ShardMetadata parent = openShard(meta, shardToSplit);
            BigInteger key = new BigInteger(newStartingHashKey);
            HashKeyRange range = parent.range();
            if (key.compareTo(range.start().add(BigInteger.ONE)) <= 0 || key.compareTo(range.end()) >= 0) {
                throw new InvalidArgumentException("NewStartingHashKey " + newStartingHashKey + " used in SplitShard() on shard "
                        + ShardIds.format(parent.index()) + " in stream " + meta.name() + " under account " + account
                        + " is not both greater than one plus the shard's StartingHashKey " + range.start()
                        + " and less than the shard's EndingHashKey " + range.end() + ".");
            }
            checkShardLimit(1);
            splitAt(stream, parent.index(), key);
            markUpdating(stream);
        } finally {
            stream.controlLock().unlock();
        }
    }

    public void merge(StreamRef ref, String shardToMerge, String adjacentShardToMerge) {
        Validation.required("shardToMerge", shardToMerge);
        Validation.required("adjacentShardToMerge", adjacentShardToMerge);
        requireShardIndex(ref, shardToMerge);
        requireShardIndex(ref, adjacentShardToMerge);
        LiveStream stream = registry.resolve(ref);
        stream.controlLock().lock();
        try {
            StreamMetadata meta = checkReshardable(stream, "MergeShards");
            ShardMetadata first = openShard(meta, shardToMerge);
            ShardMetadata second = openShard(meta, adjacentShardToMerge);
            // AWS merges only a shard with the one right above it: the pair given the other way round is refused.
            if (!first.range().isFollowedBy(second.range())) {
                throw new InvalidArgumentException("Shards " + ShardIds.format(first.index()) + " and "
                        + ShardIds.format(second.index()) + " in stream " + meta.name() + " under account " + account
                        + " are not an adjacent pair of shards eligible for merging");
            }
            mergePair(stream, first.index(), second.index());
            markUpdating(stream);
        } finally {
            stream.controlLock().unlock();
        }
    }

    public UpdateShardCountResult updateShardCount(StreamRef ref, Integer targetShardCount, ScalingType scalingType) {
        Validation.required("scalingType", scalingType);
        int target = Validation.range("targetShardCount", targetShardCount, 1, 100_000);
        LiveStream stream = registry.resolve(ref);
        stream.controlLock().lock();
        try {
            StreamMetadata meta = checkReshardable(stream, "UpdateShardCount");
            int open = meta.openShards().size();
            if (target > registry.config().openShardLimit()) {
                throw new LimitExceededException("Target shard count or number of open shards cannot be greater than "
                        + registry.config().openShardLimit() + ". Current open shard count: " + open
                        + ", Target shard count: " + target);
            }
            if (target > open * 2) {
                throw new LimitExceededException("UpdateShardCount cannot scale up over double your current open shard count. "
                        + "Current open shard count: " + open + ", Target shard count: " + target);
            }
            if (target * 2 < open) {
                throw new LimitExceededException("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: " + open + ", Target shard count: " + target);
            }
            long now = registry.config().clock().millis();
            List<Long> recent = new ArrayList<>(meta.scalingEventsMs().stream().filter(t -> t > now - DAY_MS).toList());
            if (recent.size() >= MAX_SCALINGS_PER_DAY) {
                throw new LimitExceededException("Stream " + meta.name() + " under account " + account
                        + " has already been scaled " + recent.size() + " times within the last 24 hours; UpdateShardCount "
                        + "allows at most " + MAX_SCALINGS_PER_DAY + " scaling operations per rolling 24-hour period.");
            }
            checkShardLimit(Math.max(0, target - open));
            scaleUniformly(stream, target);
            recent.add(now);
            StreamMetadata scaled = stream.metadata();
            stream.commit(scaled, scaled.withScalingEvents(recent));
            markUpdating(stream);
            return new UpdateShardCountResult(meta.name(), registry.config().streamArn(meta.name()), open, target);
        } catch (IOException e) {
            throw new UncheckedIOException("recording the scaling of stream " + stream.name(), e);
        } finally {
            stream.controlLock().unlock();
        }
    }

    /**
     * Splits an open shard of an on-demand stream in the middle of its range (on-demand scaling). No-op when
     * the shard is closed, too narrow, or the stream is at its on-demand maximum. Caller holds no lock.
     */
    public boolean splitInHalf(LiveStream stream, int shardIndex) {
        stream.controlLock().lock();
        try {
            StreamMetadata meta = stream.metadata();
            ShardMetadata shard = meta.shard(shardIndex);
            if (shard == null || !shard.isOpen() || stream.outOfServiceReason().isPresent()
                    || stream.shard(shardIndex).log().outOfServiceReason().isPresent()
                    || meta.statusAt(registry.config().clock().millis()) != StreamStatus.ACTIVE
                    || meta.openShards().size() >= registry.config().onDemandMaxShards()
                    || registry.openShardCount() + 1 > registry.config().openShardLimit()) {
                return false;
            }
            HashKeyRange range = shard.range();
            BigInteger middle = range.start().add(range.end()).add(BigInteger.ONE).shiftRight(1);
            if (middle.compareTo(range.start()) <= 0) {
                return false;
            }
            splitAt(stream, shardIndex, middle);
            return true;
        } finally {
            stream.controlLock().unlock();
        }
    }

    private void scaleUniformly(LiveStream stream, int target) {
        List<HashKeyRange> targetRanges = HashKeys.uniformRanges(target);
        for (HashKeyRange t : targetRanges.subList(1, targetRanges.size())) {
            ShardMetadata holder = openShardContaining(stream.metadata(), t.start());
            if (!holder.range().start().equals(t.start())) {
                splitAt(stream, holder.index(), t.start());
            }
        }
        for (HashKeyRange t : targetRanges) {
            while (true) {
                List<ShardMetadata> inside = stream.metadata().openShards().stream()
                        .filter(s -> t.contains(s.range().start()))
                        .sorted(Comparator.comparing(s -> s.range().start()))
                        .toList();
                if (inside.size() <= 1) {
                    break;
                }
                mergePair(stream, inside.get(0).index(), inside.get(1).index());
            }
        }
    }

    private static ShardMetadata openShardContaining(StreamMetadata meta, BigInteger key) {
        for (ShardMetadata s : meta.openShards()) {
            if (s.range().contains(key)) {
                return s;
            }
        }
        throw new IllegalStateException("open shards of " + meta.name() + " do not cover hash key " + key);
    }

    /** Splits open shard {@code index} so that the second child starts at {@code key}. Control lock held. */
    void splitAt(LiveStream stream, int index, BigInteger key) {
        StreamMetadata meta = stream.metadata();
        HashKeyRange range = meta.shard(index).range();
        long now = registry.config().clock().millis();
        int next = meta.nextShardIndex();
        ShardMetadata low = ShardMetadata.open(next, index, null, new HashKeyRange(range.start(), key.subtract(BigInteger.ONE)), now);
        ShardMetadata high = ShardMetadata.open(next + 1, index, null, new HashKeyRange(key, range.end()), now);
        reshape(stream, List.of(index), List.of(low, high), next + 2);
    }

    /** Merges two adjacent open shards; the child's parent is {@code first}, its adjacent parent {@code second}. */
    void mergePair(LiveStream stream, int first, int second) {
        StreamMetadata meta = stream.metadata();
        long now = registry.config().clock().millis();
        int next = meta.nextShardIndex();
        HashKeyRange merged = meta.shard(first).range().mergeWith(meta.shard(second).range());
        reshape(stream, List.of(first, second), List.of(ShardMetadata.open(next, first, second, merged, now)), next + 1);
    }

    private void reshape(LiveStream stream, List<Integer> parents, List<ShardMetadata> children, int nextIndex) {
        StreamMetadata meta = stream.metadata();
        for (int index : parents) {
            // A parent's end offset is recorded from its log; a log out of service may hold less after the restart.
            Shard parent = stream.shard(index);
            parent.log().outOfServiceReason().ifPresent(reason -> {
                throw StorageErrors.shardOutOfService(parent.id(), meta.name(), reason);
            });
        }
        List<Shard> opened = new ArrayList<>();
        try {
            for (ShardMetadata child : children) {
                Shard shard = registry.openShard(meta, child);
                opened.add(shard);
                stream.addShard(shard);
            }
            Long[] ends = new Long[parents.size()];
            closeParents(stream, parents, 0, ends, () -> {
                long now = registry.config().clock().millis();
                List<ShardMetadata> shards = new ArrayList<>();
                for (ShardMetadata s : meta.shards()) {
                    int p = parents.indexOf(s.index());
                    shards.add(p >= 0 ? s.close(now, ends[p]) : s);
                }
                shards.addAll(children);
                stream.commit(meta, meta.withShards(shards, nextIndex));
            });
            recordPendingEnds(stream);
        } catch (IOException | RuntimeException e) {
            // Nothing committed: forget the children, unless the commit's durability is unknown (the stream is out
            // of service then, and the stream.json a restart reads may name them).
            if (stream.metadata() == meta && stream.outOfServiceReason().isEmpty()) {
                for (Shard s : opened) {
                    stream.removeShard(s.index());
                    try {
                        s.log().deleteAll();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("resharding stream " + meta.name(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Records the end offsets of closed shards whose storage could not give one at the close (a log shared by
     * several servers, {@link io.sluice.core.storage.ShardData#endOffsetAtClose()}). Read now, after the close is in
     * the catalog, each lies past every record an append acknowledged: a server that appends after the close reached
     * the catalog finds the shard closed and routes its records to the children. Control lock held.
     */
    void recordPendingEnds(LiveStream stream) throws IOException {
        StreamMetadata meta = stream.metadata();
        List<ShardMetadata> shards = new ArrayList<>();
        boolean recorded = false;
        for (ShardMetadata s : meta.shards()) {
            Shard live = stream.shard(s.index());
            if (s.isEndPending() && live != null) {
                shards.add(s.close(s.closedMs(), live.log().endOffset()));
                recorded = true;
            } else {
                shards.add(s);
            }
        }
        if (recorded) {
            stream.commit(meta, meta.withShards(shards, meta.nextShardIndex()));
        }
    }

    private interface Commit {
        void run() throws IOException;
    }

    private static void closeParents(LiveStream stream, List<Integer> parents, int i, Long[] ends, Commit commit)
            throws IOException {
        if (i == parents.size()) {
            commit.run();
            return;
        }
        stream.shard(parents.get(i)).close(end -> {
            ends[i] = end;
            closeParents(stream, parents, i + 1, ends, commit);
        });
    }

    private StreamMetadata checkReshardable(LiveStream stream, String action) {
        stream.checkInService();
        StreamMetadata meta = stream.metadata();
        if (meta.mode() == StreamMode.ON_DEMAND) {
            throw new ValidationException(action + " is not supported for stream " + meta.name() + " under account "
                    + account + " because it is in ON_DEMAND mode; on-demand streams scale themselves.");
        }
        StreamStatus status = meta.statusAt(registry.config().clock().millis());
        if (status != StreamStatus.ACTIVE) {
            throw new ResourceInUseException(Messages.streamNotActive(meta.name(), account, status));
        }
        return meta;
    }

    /** An id that names no shard index is reported as sent, before the stream is looked at, as AWS does. */
    private void requireShardIndex(StreamRef ref, String shardId) {
        if (ShardIds.parse(shardId).isEmpty()) {
            throw new ResourceNotFoundException(Messages.shardNotFound(shardId, registry.nameOf(ref), account));
        }
    }

    private ShardMetadata openShard(StreamMetadata meta, String shardId) {
        OptionalInt index = ShardIds.parse(shardId);
        ShardMetadata shard = index.isPresent() ? meta.shard(index.getAsInt()) : null;
        if (shard == null) {
            throw new ResourceNotFoundException(Messages.shardNotFound(shardId, meta.name(), account));
        }
        if (!shard.isOpen()) {
            throw new ResourceInUseException("Shard " + ShardIds.format(shard.index()) + " in stream " + meta.name()
                    + " under account " + account + " has already been merged or split, and thus is not eligible "
                    + "for merging or splitting.");
        }
        return shard;
    }

    private void checkShardLimit(int additional) {
        if (registry.openShardCount() + additional > registry.config().openShardLimit()) {
            throw new LimitExceededException(registry.shardLimitMessage(additional));
        }
    }

    private void markUpdating(LiveStream stream) {
        long until = registry.config().clock().millis() + registry.config().updateDelay().toMillis();
        if (until > registry.config().clock().millis()) {
            try {
                StreamMetadata meta = stream.metadata();
                stream.commit(meta, meta.withStatus(StreamStatus.UPDATING, until));
            } catch (IOException e) {
                throw new UncheckedIOException("marking stream " + stream.name() + " UPDATING", e);
            }
        }
    }
}
