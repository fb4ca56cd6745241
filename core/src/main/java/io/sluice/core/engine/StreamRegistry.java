package io.sluice.core.engine;

import io.sluice.core.EngineConfig;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.InternalFailureException;
import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.error.ServiceUnavailableException;
import io.sluice.core.fs.DurabilityUnknownException;
import io.sluice.core.fs.IoFailures;
import io.sluice.core.hash.HashKeyRange;
import io.sluice.core.hash.HashKeys;
import io.sluice.core.limits.ShardThrottle;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.meta.StreamMode;
import io.sluice.core.meta.StreamStatus;
import io.sluice.core.storage.ConcurrentChangeException;
import io.sluice.core.storage.ShardData;
import io.sluice.core.storage.Storage;
import io.sluice.core.storage.StreamCatalog;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import io.sluice.core.stream.ShardIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of one engine by name: creation, lookup by name or ARN, deletion, and reopening everything from
 * the data directory at start.
 *
 * <p>Storage faults: a CreateStream that fails before its {@code stream.json} is in place removes what it made and
 * changes nothing ({@code 503}); one whose {@code stream.json} is in place but not durable registers the stream
 * out of service (read-only until a restart, see {@link LiveStream}), so the name stays taken. A deletion whose
 * removal of {@code stream.json} could not be made durable may be undone by a crash; from then on no stream is
 * created or deleted until the server restarts (the data directory's set of streams is uncertain, and a stream
 * that comes back must not meet a new one of its name), while existing streams keep serving.
 *
 * <p>Shared storage ({@link Storage#shared()}): other servers create, change and delete streams too, and every
 * change, this server's as well, reaches the registry through the catalog's listener ({@link #changed},
 * {@link #removed}), on the catalog's thread, in the order every server applies them. A change made here returns
 * once it has come back that way; one that lost against another server's change is refused as in use.
 *
 * <p>Thread-safety: lookups are lock-free (a concurrent sorted map); creation and deletion serialize on the
 * registry (they are rare and must see a consistent shard count).
 */
public final class StreamRegistry implements StreamCatalog.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    private final EngineConfig config;
    private final Storage storage;
    private final StreamCatalog store;
    private final NavigableMap<String, LiveStream> streams = new ConcurrentSkipListMap<>();
    private volatile String streamsCannotChange; // why creations and deletions are refused until a restart

    public StreamRegistry(EngineConfig config, Storage storage) {
        this.config = config;
        this.storage = storage;
        this.store = storage.catalog();
    }

    public EngineConfig config() {
        return config;
    }

    public Storage storage() {
        return storage;
    }

    /**
     * Reopens every stream the storage holds, finishing deletions that were due (with shared storage, only those of
     * streams this server deleted: another server's are finished by it or by the next maintenance pass anywhere).
     */
    public synchronized void recover() throws IOException {
        long now = config.clock().millis();
        int orphans = storage.removeLeftovers();
        if (orphans > 0) {
            LOG.info("removed {} stream directories without metadata (interrupted create or delete)", orphans);
        }
        for (StreamMetadata meta : store.follow(this)) {
            if (meta.isDeletedAt(now) && !storage.shared()) {
                storage.deleteStreamData(meta);
                continue;
            }
            List<Shard> shards = openShards(meta, meta.shards());
            streams.put(meta.name(), new LiveStream(store, meta, shards));
            LOG.debug("recovered stream {} ({} shards)", meta.name(), shards.size());
        }
    }

    /** Opens (creating if needed) the records of a shard and wraps them. */
    public Shard openShard(StreamMetadata stream, ShardMetadata shard) throws IOException {
        ShardData data = storage.openShard(stream, shard.index());
        return new Shard(shard.index(), data, new ShardThrottle(config.limits(), config.clock()), config.clock(),
                !shard.isOpen());
    }

    private List<Shard> openShards(StreamMetadata stream, List<ShardMetadata> shards) throws IOException {
        List<Callable<Shard>> tasks = new ArrayList<>();
        for (ShardMetadata s : shards) {
            tasks.add(() -> openShard(stream, s));
        }
        return Parallel.run(tasks);
    }

    // ---- changes of a shared catalog, on its thread -------------------------------------------------------

    @Override
    public void changed(StreamMetadata meta) {
        LiveStream live = streams.get(meta.name());
        try {
            if (live != null && !live.metadata().id().equals(meta.id())) {
                removed(live.name(), live.metadata().id()); // deleted and created again meanwhile
                live = null;
            }
            if (live == null) {
                streams.put(meta.name(), new LiveStream(store, meta, openShards(meta, meta.shards())));
                return;
            }
            StreamMetadata before = live.metadata();
            for (Shard gone : live.adopt(meta, s -> openShard(meta, s))) {
                gone.wakeReaders();
                gone.log().close();
            }
            followSettings(before, meta);
        } catch (IOException | RuntimeException e) {
            // Serving a stream differently from the other servers would break its order: stop serving it here.
            LOG.error("applying a change of stream {} failed; it is out of service here until a restart", meta.name(), e);
            if (live != null) {
                live.takeOutOfService("applying a change made by another server failed: " + IoFailures.reason(e), e);
            }
        }
    }

    /** Lets the storage follow settings it keeps itself; a failure there leaves the stream served as it is. */
    private void followSettings(StreamMetadata before, StreamMetadata meta) {
        try {
            storage.streamChanged(before, meta);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the storage did not follow the change of stream {} (its retention, for one): {}", meta.name(),
                    IoFailures.reason(e));
        }
    }

    @Override
    public void removed(String name, String id) {
        LiveStream stream = streams.get(name);
        if (stream == null || !stream.metadata().id().equals(id)) {
            return;
        }
        streams.remove(name, stream);
        stream.markRemoved();
        closeShards(stream);
    }

    private static void closeShards(LiveStream stream) {
        for (Shard s : stream.shards()) {
            s.wakeReaders();
            try {
                s.log().close();
            } catch (IOException e) {
                LOG.warn("closing log of {} in deleted stream {}", s.id(), stream.name(), e);
            }
        }
    }

    /** CreateStream. */
    public synchronized LiveStream create(String name, Integer shardCount, StreamMode mode, Map<String, String> tags) {
        Validation.name("streamName", name);
        StreamMode effectiveMode = mode == null ? StreamMode.PROVISIONED : mode;
        int count;
        if (effectiveMode == StreamMode.ON_DEMAND) {
            count = config.onDemandInitialShards();
        } else {
            count = Validation.range("shardCount", shardCount, 1, 100_000);
        }
        Map<String, String> initialTags = tags == null ? Map.of() : tags;
        Tags.validate(initialTags);
        if (initialTags.size() > Tags.MAX_TAGS) {
            throw Tags.tooMany(name, config.accountId());
        }
        long now = config.clock().millis();
        LiveStream existing = streams.get(name);
        if (existing != null) {
            if (existing.metadata().isDeletedAt(now)) {
                finishDeletion(existing);
            } else {
                throw new ResourceInUseException("Stream " + name + " under account " + config.accountId()
                        + " already exists.");
            }
        }
        checkStreamsCanChange();
        int open = openShardCount();
        if (open + count > config.openShardLimit()) {
            throw new LimitExceededException(shardLimitMessage(count));
        }
        if (effectiveMode == StreamMode.ON_DEMAND && onDemandStreamCount() >= config.onDemandStreamLimit()) {
            throw new LimitExceededException("This request would exceed the on-demand stream limit of "
                    + config.onDemandStreamLimit() + " for the account " + config.accountId() + " in "
                    + config.region() + ".");
        }
        String id = newStreamId(name);
        List<ShardMetadata> shardMetas = new ArrayList<>();
        List<HashKeyRange> ranges = HashKeys.uniformRanges(count);
        for (int i = 0; i < count; i++) {
            shardMetas.add(ShardMetadata.open(i, null, null, ranges.get(i), now));
        }
        long createdUntil = now + config.createDelay().toMillis();
        StreamMetadata meta = new StreamMetadata(id, name, now, StreamStatus.CREATING, createdUntil, effectiveMode,
                24, initialTags, shardMetas, count, List.of(), List.of(), "NONE", null, List.of(), Map.of());
        List<Shard> shards = openNewShards(meta);
        if (storage.shared()) {
            return createShared(meta, shards);
        }
        LiveStream stream = new LiveStream(store, meta, shards);
        try {
            store.writeStream(null, meta);
        } catch (DurabilityUnknownException e) {
            // stream.json is in place but may not survive a crash: keep the name taken, serve it read-only.
            stream.takeOutOfService("a write of its metadata could not be made durable: "
                    + IoFailures.reason(e.getCause()), e);
            streams.put(name, stream);
            stream.checkInService();
        } catch (IOException e) {
            discard(meta, shards, e);
            throw cannotCreate(name, e);
        }
        streams.put(name, stream);
        return stream;
    }

    private String newStreamId(String name) {
        try {
            return store.newStreamId(name);
        } catch (IOException e) {
            throw cannotCreate(name, e);
        }
    }

    /**
     * Proposes a new stream to the shared catalog; it is served once the change comes back (through
     * {@link #changed}, which opens its shards again: those opened here only made its records' place).
     */
    private LiveStream createShared(StreamMetadata meta, List<Shard> prepared) {
        try {
            store.writeStream(null, meta);
        } catch (ConcurrentChangeException e) {
            throw new ResourceInUseException("Stream " + meta.name() + " under account " + config.accountId()
                    + " already exists.");
        } catch (IOException e) {
            throw cannotCreate(meta.name(), e);
        } finally {
            for (Shard s : prepared) {
                try {
                    s.log().close();
                } catch (IOException e) {
                    LOG.debug("closing a prepared shard of {}", meta.name(), e);
                }
            }
        }
        return streams.get(meta.name());
    }

    /** Opens the logs of a new stream's shards; on a failure removes whatever was made and throws. */
    private List<Shard> openNewShards(StreamMetadata meta) {
        Queue<Shard> opened = new ConcurrentLinkedQueue<>();
        List<Callable<Shard>> tasks = new ArrayList<>();
        for (ShardMetadata s : meta.shards()) {
            tasks.add(() -> {
                Shard shard = openShard(meta, s);
                opened.add(shard);
                return shard;
            });
        }
        try {
            return Parallel.run(tasks);
        } catch (IOException e) {
            discard(meta, opened, e);
            throw cannotCreate(meta.name(), e);
        }
    }

    /** Removes the logs and directory of a stream whose creation failed (what stays is an orphan, removed at start). */
    private void discard(StreamMetadata meta, Collection<Shard> shards, IOException failure) {
        String name = meta.name();
        for (Shard s : shards) {
            try {
                s.log().deleteAll();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            storage.deleteStreamData(meta);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        LOG.warn("creating stream {} failed ({}); removed what it had made", name, IoFailures.reason(failure));
        LOG.debug("creating stream {} failed", name, failure);
    }

    private static ServiceUnavailableException cannotCreate(String name, IOException e) {
        return new ServiceUnavailableException("Stream " + name + " cannot be created: " + IoFailures.reason(e)
                + ". Nothing was created.");
    }

    private void checkStreamsCanChange() {
        String reason = streamsCannotChange;
        if (reason != null) {
            throw new InternalFailureException("Streams cannot be created or deleted until the server restarts ("
                    + reason + "): a deleted stream may come back after a crash and must not meet a new one of its"
                    + " name. Existing streams keep serving.");
        }
    }

    /** The AWS text for exceeding the open shard limit by adding {@code additional} shards. */
    public String shardLimitMessage(int additional) {
        return "This request would exceed the shard limit for the account " + config.accountId() + " in "
                + config.region() + ". Current shard count for the account: " + openShardCount() + ". Limit: "
                + config.openShardLimit() + ". Number of additional shards that would have resulted from this request: "
                + additional + ". Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/"
                + "aws_service_limits.html) for current limits and how to request higher limits.";
    }

    /** DeleteStream: immediate with a zero delete delay, else DELETING until the delay passes. */
    public synchronized void delete(StreamRef ref, boolean enforceConsumerDeletion) {
        LiveStream stream = resolve(ref);
        checkStreamsCanChange();
        stream.checkInService();
        long now = config.clock().millis();
        stream.controlLock().lock();
        try {
            StreamMetadata meta = stream.metadata();
            if (meta.status() == StreamStatus.DELETING) {
                throw new ResourceNotFoundException(Messages.streamNotFound(meta.name(), config.accountId()));
            }
            boolean hasConsumers = meta.consumers().stream().anyMatch(c -> c.statusAt(now) != null);
            if (hasConsumers && !enforceConsumerDeletion) {
                throw new ResourceInUseException("Stream " + meta.name() + " under account " + config.accountId()
                        + " has registered consumers. Deregister them or set EnforceConsumerDeletion.");
            }
            if (config.deleteDelay().isZero()) {
                finishDeletion(stream);
            } else {
                stream.commit(meta, meta.withStatus(StreamStatus.DELETING, now + config.deleteDelay().toMillis()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting stream " + stream.name(), e);
        } finally {
            stream.controlLock().unlock();
        }
    }

    /**
     * Removes a stream now: removes its {@code stream.json} durably (if that fails, nothing changed), closes its
     * logs and deletes its directory.
     */
    synchronized void finishDeletion(LiveStream stream) {
        try {
            store.removeStream(stream.metadata());
        } catch (ConcurrentChangeException e) {
            // Another server changed or deleted it first: what it did has come back through the listener.
            throw new ResourceInUseException("Stream " + stream.name() + " under account " + config.accountId()
                    + " was changed by another server at the same time; nothing was deleted. Retry.");
        } catch (DurabilityUnknownException e) {
            // Gone now, but a crash may bring it back: no stream may take its name until a restart settles it.
            LOG.error("the deletion of stream {} could not be made durable; no stream is created or deleted until a"
                    + " restart", stream.name(), e);
            streamsCannotChange = "the deletion of stream " + stream.name() + " could not be made durable: "
                    + IoFailures.reason(e.getCause());
        } catch (IOException e) {
            throw new ServiceUnavailableException("Stream " + stream.name() + " cannot be deleted: "
                    + IoFailures.reason(e) + ". Nothing was changed.");
        }
        streams.remove(stream.name(), stream);
        stream.markRemoved();
        closeShards(stream);
        try {
            storage.deleteStreamData(stream.metadata());
        } catch (IOException e) {
            // The stream is deleted (its metadata is gone); what is left is an orphan, removed at the next start.
            LOG.warn("removing the files of deleted stream {} failed; the next start removes them", stream.name(), e);
        }
    }

    /** Finishes every deletion whose delay has passed. */
    public void finishDueDeletions() {
        long now = config.clock().millis();
        for (LiveStream s : streams.values()) {
            if (s.metadata().isDeletedAt(now)) {
                try {
                    finishDeletion(s);
                } catch (RuntimeException e) {
                    LOG.warn("finishing the deletion of stream {} failed; the next pass tries again", s.name(), e);
                }
            }
        }
    }

    /** The stream a request names (any status but finished deletion); ResourceNotFoundException otherwise. */
    public LiveStream resolve(StreamRef ref) {
        String name = nameOf(ref);
        LiveStream stream = streams.get(name);
        if (stream == null || stream.isRemoved()) {
            throw new ResourceNotFoundException(Messages.streamNotFound(name, config.accountId()));
        }
        if (stream.metadata().isDeletedAt(config.clock().millis())) {
            finishDeletion(stream);
            throw new ResourceNotFoundException(Messages.streamNotFound(name, config.accountId()));
        }
        return stream;
    }

    /** A stream that accepts reads and writes (ACTIVE or UPDATING); ResourceNotFoundException otherwise. */
    public LiveStream resolveForData(StreamRef ref) {
        LiveStream stream = resolve(ref);
        StreamStatus status = stream.metadata().statusAt(config.clock().millis());
        if (status != StreamStatus.ACTIVE && status != StreamStatus.UPDATING) {
            throw new ResourceNotFoundException(Messages.streamNotFound(stream.name(), config.accountId()));
        }
        return stream;
    }

    /** A live stream by exact name, or null (no validation; used by iterators). */
    public LiveStream find(String name) {
        LiveStream s = streams.get(name);
        return s == null || s.isRemoved() ? null : s;
    }

    /** The stream name a reference designates, validating the name and the ARN. */
    public String nameOf(StreamRef ref) {
        if (ref == null || (ref.name() == null && ref.arn() == null)) {
            throw new InvalidArgumentException("Either StreamName or StreamARN should be provided.");
        }
        String fromArn = null;
        if (ref.arn() != null) {
            fromArn = nameFromArn(ref.arn());
        }
        if (ref.name() != null) {
            Validation.name("streamName", ref.name());
            if (fromArn != null && !fromArn.equals(ref.name())) {
                throw new InvalidArgumentException("StreamARN " + ref.arn()
                        + " and StreamName " + ref.name() + " do not refer to the same stream.");
            }
            return ref.name();
        }
        return fromArn;
    }

    private String nameFromArn(String arn) {
        String prefix = "arn:aws:kinesis:" + config.region() + ":" + config.accountId() + ":stream/";
        Validation.length("streamARN", arn, 1, 2048); // first: it bounds the pattern's work
        if (!StreamArnPattern.matches(arn)) {
            throw Validation.error("streamARN", arn, "satisfy regular expression pattern: " + StreamArnPattern.PATTERN);
        }
        if (!arn.startsWith(prefix)) {
            throw new ResourceNotFoundException("Stream " + arn + " not found.");
        }
        String name = arn.substring(prefix.length());
        Validation.name("streamName", name);
        return name;
    }

    /** Streams in name order, including those CREATING or DELETING. */
    public Collection<LiveStream> all() {
        return streams.values();
    }

    /** Streams with names after {@code exclusiveStart} (null: from the first), in name order. */
    public Collection<LiveStream> after(String exclusiveStart) {
        return exclusiveStart == null ? streams.values() : streams.tailMap(exclusiveStart, false).values();
    }

    public int openShardCount() {
        int n = 0;
        for (LiveStream s : streams.values()) {
            n += s.metadata().openShards().size();
        }
        return n;
    }

    public int onDemandStreamCount() {
        int n = 0;
        for (LiveStream s : streams.values()) {
            if (s.metadata().mode() == StreamMode.ON_DEMAND) {
                n++;
            }
        }
        return n;
    }

    /** Closes every shard log (not the runtime). */
    public synchronized void closeAll() {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (LiveStream stream : streams.values()) {
            for (Shard s : stream.shards()) {
                tasks.add(() -> {
                    try {
                        s.log().close();
                    } catch (IOException e) {
                        LOG.warn("closing log of {} in stream {}", s.id(), stream.name(), e);
                    }
                    return null;
                });
            }
        }
        try {
            Parallel.run(tasks);
        } catch (IOException e) {
            LOG.warn("closing shard logs", e);
        }
        streams.clear();
    }
}
