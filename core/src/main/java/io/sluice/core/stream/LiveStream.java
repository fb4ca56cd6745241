package io.sluice.core.stream;

import io.sluice.core.meta.MetadataStore;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open stream: its current {@link StreamMetadata}, its live {@link Shard}s and the router over the open ones.
 *
 * <p>Thread-safety: the metadata and the router are immutable snapshots behind volatile fields, so the write
 * and read paths never lock the stream. Control operations (resharding, tags, retention, consumers, deletion)
 * run under {@link #controlLock()}, one at a time per stream, and publish a change with {@link #commit} only
 * after it is on disk.
 */
public final class LiveStream {

    private final MetadataStore store;
    private final Map<Integer, Shard> shards = new ConcurrentHashMap<>();
    private final ReentrantLock control = new ReentrantLock();
    private volatile StreamMetadata metadata;
    private volatile ShardRouter router;
    private volatile boolean removed;

    public LiveStream(MetadataStore store, StreamMetadata metadata, Collection<Shard> liveShards) {
        this.store = store;
        for (Shard s : liveShards) {
            shards.put(s.index(), s);
        }
        publish(metadata);
    }

    public StreamMetadata metadata() {
        return metadata;
    }

    public String name() {
        return metadata.name();
    }

    public ShardRouter router() {
        return router;
    }

    /** The live shard with this index, or null (never existed, or removed by retention). */
    public Shard shard(int index) {
        return shards.get(index);
    }

    public Collection<Shard> shards() {
        return shards.values();
    }

    public ReentrantLock controlLock() {
        return control;
    }

    /** Registers a new shard before the metadata naming it is committed. Caller holds the control lock. */
    public void addShard(Shard shard) {
        shards.put(shard.index(), shard);
    }

    /** Forgets a shard that retention removed. Caller holds the control lock. */
    public Shard removeShard(int index) {
        return shards.remove(index);
    }

    /** Persists {@code next} atomically, then publishes it. Caller holds the control lock. */
    public void commit(StreamMetadata next) throws IOException {
        if (!control.isHeldByCurrentThread()) {
            throw new IllegalStateException("commit without the control lock of stream " + next.name());
        }
        store.writeStream(next);
        publish(next);
    }

    /** True once the stream is deleted; holders of a stale reference must treat it as not found. */
    public boolean isRemoved() {
        return removed;
    }

    public void markRemoved() {
        removed = true;
    }

    private void publish(StreamMetadata next) {
        List<ShardRouter.Entry> open = new ArrayList<>();
        for (ShardMetadata s : next.shards()) {
            if (s.isOpen()) {
                Shard live = shards.get(s.index());
                if (live == null) {
                    throw new IllegalStateException("no live shard for open " + ShardIds.format(s.index()));
                }
                open.add(new ShardRouter.Entry(s.range().start(), live));
            }
        }
        this.router = new ShardRouter(open);
        this.metadata = next;
    }
}
