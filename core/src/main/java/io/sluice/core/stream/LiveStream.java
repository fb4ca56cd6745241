package io.sluice.core.stream;

import io.sluice.core.error.InternalFailureException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ServiceUnavailableException;
import io.sluice.core.fs.DurabilityUnknownException;
import io.sluice.core.fs.IoFailures;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.storage.ConcurrentChangeException;
import io.sluice.core.storage.StreamCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream: its current {@link StreamMetadata}, its live {@link Shard}s and the router over the open ones.
 *
 * <p>Thread-safety: the metadata and the router are immutable snapshots behind volatile fields, so the write
 * and read paths never lock the stream. Control operations (resharding, tags, retention, consumers, deletion)
 * run under {@link #controlLock()}, one at a time per stream, and publish a change with {@link #commit} only
 * after it is on disk.
 *
 * <p>A metadata write that fails before the new file is in place changes nothing ({@code 503}, retriable). One
 * whose rename happened but whose directory fsync failed leaves the disk holding a {@code stream.json} that may or
 * may not survive a crash, while memory serves the old one: the stream goes <em>out of service</em>, read-only
 * until the server restarts and reads back what the disk holds (writes appended past a resharding that a crash
 * might keep would otherwise be lost).
 */
public final class LiveStream {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

    private final StreamCatalog store;
    private final Map<Integer, Shard> shards = new ConcurrentHashMap<>();
    private final ReentrantLock control = new ReentrantLock();
    private volatile StreamMetadata metadata;
    private volatile ShardRouter router;
    private volatile boolean removed;
    private volatile String outOfService;

    public LiveStream(StreamCatalog store, StreamMetadata metadata, Collection<Shard> liveShards) {
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

    /**
     * Persists {@code next}, derived from {@code previous}, atomically, then publishes it. Caller holds the control
     * lock.
     *
     * @throws ServiceUnavailableException when the write failed and nothing changed (a full disk)
     * @throws InternalFailureException    when the stream is, or has just been taken, out of service
     */
    public void commit(StreamMetadata previous, StreamMetadata next) throws IOException {
        if (!control.isHeldByCurrentThread()) {
            throw new IllegalStateException("commit without the control lock of stream " + next.name());
        }
        checkInService();
        try {
            store.writeStream(previous, next);
        } catch (ConcurrentChangeException e) {
            throw new ResourceInUseException("Stream " + name() + " was changed by another server at the same time ("
                    + e.getMessage() + "). Nothing was changed by this request; read the stream again and retry.");
        } catch (DurabilityUnknownException e) {
            takeOutOfService("a write of its metadata could not be made durable: " + IoFailures.reason(e.getCause()), e);
            throw outOfServiceError();
        } catch (IOException e) {
            throw new ServiceUnavailableException("The metadata of stream " + name() + " cannot be written: "
                    + IoFailures.reason(e) + ". Nothing was changed; its records can still be written and read.");
        }
        if (!store.shared()) {
            publish(next); // a shared catalog has published it already, through the engine's listener
        }
    }

    /**
     * Publishes metadata a shared catalog applied (this server's change or another's): registers the shards it
     * names that are not live here, publishes it, then marks shards it closes as closed (in that order, so an append
     * that finds its shard closed routes again to the children). Returns the shards it no longer names, removed.
     */
    public List<Shard> adopt(StreamMetadata next, ShardOpener opener) throws IOException {
        for (ShardMetadata s : next.shards()) {
            if (!shards.containsKey(s.index())) {
                shards.put(s.index(), opener.open(s));
            }
        }
        publish(next);
        List<Shard> gone = new ArrayList<>();
        for (Shard live : List.copyOf(shards.values())) {
            ShardMetadata s = next.shard(live.index());
            if (s == null) {
                gone.add(shards.remove(live.index()));
            } else if (!s.isOpen()) {
                if (s.endOffset() != null) {
                    live.endsAt(s.endOffset());
                }
                if (!live.isClosed()) {
                    live.closedElsewhere();
                }
            }
        }
        return gone;
    }

    /** Opens a shard this server has not opened yet. */
    @FunctionalInterface
    public interface ShardOpener {
        Shard open(ShardMetadata shard) throws IOException;
    }

    /** Makes the stream read-only until the server restarts, for {@code reason} (the first reason stays). */
    public synchronized void takeOutOfService(String reason, Throwable cause) {
        if (outOfService == null) {
            outOfService = reason;
            LOG.error("stream {} is out of service ({}); writes and changes are refused until a restart, reads keep"
                    + " working", name(), reason, cause);
        }
    }

    /** Why the stream is read-only until a restart, or empty while it is in service. */
    public Optional<String> outOfServiceReason() {
        return Optional.ofNullable(outOfService);
    }

    /** Throws the stream's out-of-service error when it is out of service. */
    public void checkInService() {
        if (outOfService != null) {
            throw outOfServiceError();
        }
    }

    private InternalFailureException outOfServiceError() {
        return new InternalFailureException("The stream " + name() + " is out of service (" + outOfService + "). What"
                + " a restart reads may differ from what is served, so it refuses writes and changes until the server"
                + " restarts; reads keep working.");
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
