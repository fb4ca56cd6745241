package io.sluice.core;

import io.sluice.core.api.ConsumerDescription;
import io.sluice.core.api.GetRecordsResult;
import io.sluice.core.api.GetShardIteratorRequest;
import io.sluice.core.api.LimitsDescription;
import io.sluice.core.api.ListConsumersResult;
import io.sluice.core.api.ListShardsRequest;
import io.sluice.core.api.ListShardsResult;
import io.sluice.core.api.ListStreamsResult;
import io.sluice.core.api.ListTagsResult;
import io.sluice.core.api.MonitoringChange;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordResult;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.ScalingType;
import io.sluice.core.api.StreamDescription;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.StreamStatistics;
import io.sluice.core.api.StreamSummary;
import io.sluice.core.api.SubscribeToShardRequest;
import io.sluice.core.api.UpdateShardCountResult;
import io.sluice.core.engine.ConsumerRegistry;
import io.sluice.core.engine.Maintenance;
import io.sluice.core.engine.PageTokens;
import io.sluice.core.engine.RecordReader;
import io.sluice.core.engine.RecordWriter;
import io.sluice.core.engine.Resharder;
import io.sluice.core.engine.ResourcePolicies;
import io.sluice.core.engine.ShardLister;
import io.sluice.core.engine.ShardSubscription;
import io.sluice.core.engine.ShardSubscriptions;
import io.sluice.core.engine.StreamRegistry;
import io.sluice.core.engine.StreamSettings;
import io.sluice.core.engine.StreamViews;
import io.sluice.core.fs.ChannelOpener;
import io.sluice.core.fs.Directories;
import io.sluice.core.iterator.IteratorCodec;
import io.sluice.core.log.LogRuntime;
import io.sluice.core.meta.DataDirectoryLock;
import io.sluice.core.meta.MetadataStore;
import io.sluice.core.meta.StreamMode;
import io.sluice.core.storage.Storage;
import io.sluice.core.storage.local.LocalStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream engine: one method per Kinesis action, with Kinesis's semantics and limits, over durable shard
 * logs in one data directory. The server calls it and maps results and errors one to one.
 *
 * <p><b>Errors.</b> A violated rule throws a subclass of {@link io.sluice.core.error.KinesisException} whose
 * {@code kind()} ({@link io.sluice.core.error.ErrorKind}) is the Kinesis error type and whose message names the
 * field and value (AWS's wording where AWS has one). An {@link java.io.UncheckedIOException} or any other exception
 * is an internal failure.
 *
 * <p><b>Thread-safety.</b> Every method may be called from any number of threads. Writes and reads take only the
 * locks of the shard they touch (per-shard append lock, per-shard throttle); control actions serialize per
 * stream; creation and deletion of streams serialize on the registry. Idle shards cost no thread: one shared
 * scheduler thread runs retention and on-demand scaling, one shared flusher (in the log runtime) fsyncs.
 *
 * <p><b>Lifecycle.</b> {@link #open(EngineConfig)} recovers everything in the data directory; {@link #close()}
 * flushes and closes every log. A reopened engine serves the same records, keeps sequence numbers increasing and
 * accepts iterators issued before the restart (within their 5 minutes).
 */
public final class StreamEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEngine.class);

    private final EngineConfig config;
    private final DataDirectoryLock lock; // null for storage the engine does not own a directory of
    private final Storage storage;
    private final StreamRegistry registry;
    private final StreamViews views;
    private final StreamSettings settings;
    private final RecordWriter writer;
    private final RecordReader reader;
    private final IteratorCodec iterators;
    private final Resharder resharder;
    private final ShardLister lister;
    private final ConsumerRegistry consumers;
    private final ShardSubscriptions subscriptions;
    private final Maintenance maintenance;
    private final ResourcePolicies policies;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamEngine(EngineConfig config, Storage storage, StreamRegistry registry, byte[] key,
                         DataDirectoryLock lock) {
        this.config = config;
        this.lock = lock;
        this.storage = storage;
        this.registry = registry;
        this.views = new StreamViews(registry);
        this.settings = new StreamSettings(registry);
        this.writer = new RecordWriter(registry);
        this.iterators = new IteratorCodec(key);
        this.reader = new RecordReader(registry, iterators);
        this.resharder = new Resharder(registry);
        PageTokens tokens = new PageTokens(key, config.clock(), ShardLister.TOKEN_TTL_MS);
        this.lister = new ShardLister(registry, tokens);
        this.consumers = new ConsumerRegistry(registry, tokens);
        this.subscriptions = new ShardSubscriptions(registry, consumers, reader);
        this.maintenance = new Maintenance(registry, resharder);
        this.policies = new ResourcePolicies(registry);
        if (config.maintenanceInterval().isZero()) {
            this.scheduler = null;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sluice-maintenance");
                t.setDaemon(true);
                return t;
            });
            long period = config.maintenanceInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::runMaintenanceLogged, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Opens (creating if needed) the data directory and recovers every stream in it. */
    public static StreamEngine open(EngineConfig config) throws IOException {
        return open(config, ChannelOpener.PLAIN);
    }

    /**
     * Like {@link #open(EngineConfig)}, with shard logs opening their files, and logs and metadata forcing their
     * directories, through {@code files}: the seam fault tests use to make an fsync fail.
     */
    static StreamEngine open(EngineConfig config, ChannelOpener files) throws IOException { // visible for testing
        Directories.createDurably(config.dataDir());
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDir()); // before anything is read or written
        LogRuntime logRuntime = null;
        try {
            MetadataStore store = new MetadataStore(config.dataDir(), files);
            logRuntime = new LogRuntime(config.log(), files);
            return start(config, new LocalStorage(store, logRuntime), lock);
        } catch (IOException | RuntimeException e) {
            if (logRuntime != null) {
                logRuntime.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Opens an engine over storage it does not own a directory of (Kafka, shared with other servers): the engine
     * closes {@code storage} when it closes; the data directory is not used.
     */
    public static StreamEngine open(EngineConfig config, Storage storage) throws IOException {
        try {
            return start(config, storage, null);
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static StreamEngine start(EngineConfig config, Storage storage, DataDirectoryLock lock) throws IOException {
        byte[] key = storage.catalog().loadOrCreateIteratorKey();
        StreamRegistry registry = new StreamRegistry(config, storage);
        registry.recover();
        return new StreamEngine(config, storage, registry, key, lock);
    }

    public EngineConfig config() {
        return config;
    }

    // ---- streams -------------------------------------------------------------------------------------------

    /** CreateStream. {@code shardCount} is required for PROVISIONED (null mode), ignored for ON_DEMAND. */
    public void createStream(String streamName, Integer shardCount, StreamMode mode, Map<String, String> tags) {
        registry.create(streamName, shardCount, mode, tags);
    }

    /** DeleteStream. */
    public void deleteStream(StreamRef stream, boolean enforceConsumerDeletion) {
        registry.delete(stream, enforceConsumerDeletion);
    }

    /** DescribeStream: {@code limit} 1..10000 shards per page (default 100). */
    public StreamDescription describeStream(StreamRef stream, Integer limit, String exclusiveStartShardId) {
        return views.describe(stream, limit, exclusiveStartShardId);
    }

    /** DescribeStreamSummary. */
    public StreamSummary describeStreamSummary(StreamRef stream) {
        return views.summary(stream);
    }

    /** ListStreams: {@code limit} 1..10000 (default 100). */
    public ListStreamsResult listStreams(Integer limit, String exclusiveStartStreamName, String nextToken) {
        return views.list(limit, exclusiveStartStreamName, nextToken);
    }

    /** DescribeLimits. */
    public LimitsDescription describeLimits() {
        return new LimitsDescription(config.openShardLimit(), registry.openShardCount(), config.onDemandStreamLimit(),
                registry.onDemandStreamCount());
    }

    /** UpdateStreamMode. */
    public void updateStreamMode(StreamRef stream, StreamMode mode) {
        settings.updateMode(stream, mode);
    }

    /** IncreaseStreamRetentionPeriod. */
    public void increaseStreamRetentionPeriod(StreamRef stream, Integer retentionPeriodHours) {
        settings.increaseRetention(stream, retentionPeriodHours);
    }

    /** DecreaseStreamRetentionPeriod. */
    public void decreaseStreamRetentionPeriod(StreamRef stream, Integer retentionPeriodHours) {
        settings.decreaseRetention(stream, retentionPeriodHours);
    }

    /** AddTagsToStream (also TagResource on a stream). */
    public void addTagsToStream(StreamRef stream, Map<String, String> tags) {
        settings.addTags(stream, tags);
    }

    /** RemoveTagsFromStream (also UntagResource on a stream). */
    public void removeTagsFromStream(StreamRef stream, Collection<String> tagKeys) {
        settings.removeTags(stream, tagKeys);
    }

    /** ListTagsForStream: {@code limit} 1..50 (default 50). */
    public ListTagsResult listTagsForStream(StreamRef stream, String exclusiveStartTagKey, Integer limit) {
        return settings.listTags(stream, exclusiveStartTagKey, limit);
    }

    /** StartStreamEncryption (stored and reported; data at rest is not encrypted by it). */
    public void startStreamEncryption(StreamRef stream, String encryptionType, String keyId) {
        settings.startEncryption(stream, encryptionType, keyId);
    }

    /** StopStreamEncryption. */
    public void stopStreamEncryption(StreamRef stream, String encryptionType, String keyId) {
        settings.stopEncryption(stream, encryptionType, keyId);
    }

    /** Enable/DisableEnhancedMonitoring (stored and reported): returns the metrics before and after. */
    public MonitoringChange setEnhancedMonitoring(StreamRef stream, Collection<String> shardLevelMetrics,
                                                  boolean enable) {
        return settings.setMonitoring(stream, shardLevelMetrics, enable);
    }

    // ---- records -------------------------------------------------------------------------------------------

    /** PutRecord. */
    public PutRecordResult putRecord(PutRecordRequest request) {
        return writer.putRecord(request);
    }

    /** PutRecords: throttled entries fail alone, see {@link PutRecordsResult}. */
    public PutRecordsResult putRecords(StreamRef stream, List<PutRecordsEntry> records) {
        return writer.putRecords(stream, records);
    }

    /** GetShardIterator. */
    public String getShardIterator(GetShardIteratorRequest request) {
        return reader.getShardIterator(request);
    }

    /** GetRecords: {@code limit} 1..10000 (default 10000), at most 10 MiB. */
    public GetRecordsResult getRecords(String shardIterator, Integer limit) {
        return reader.getRecords(shardIterator, limit);
    }

    /**
     * The ARN of the stream a shard iterator reads — what GetRecords is authorized against. Empty when the text
     * is not an iterator of this engine (GetRecords then answers the usual error).
     */
    public Optional<String> streamArnOfIterator(String shardIterator) {
        return iterators.decode(shardIterator).map(position -> config.streamArn(position.streamName()));
    }

    /**
     * The newest records of a shard (at most {@code limit} and about {@code maxBytes}, only those after
     * {@code afterSequenceNumber} when given), oldest first; for looking at a stream, so neither throttled nor
     * counted as GetRecords.
     */
    public List<StreamRecord> newestRecords(StreamRef stream, String shardId, String afterSequenceNumber, int limit,
                                            long maxBytes) {
        return reader.newest(stream, shardId, afterSequenceNumber, limit, maxBytes);
    }

    /**
     * Completes when a GetRecords with {@code shardIterator} would return at least one record or reach the end
     * of a closed shard; costs no thread while waiting (for long polling and enhanced fan-out).
     */
    public CompletableFuture<Void> awaitRecords(String shardIterator) {
        return reader.awaitRecords(shardIterator);
    }

    /**
     * SubscribeToShard: checks everything Kinesis checks before the first event and opens the subscription at its
     * starting position; the caller pushes its events and closes it (see {@link ShardSubscription}).
     */
    public ShardSubscription subscribeToShard(SubscribeToShardRequest request) {
        return subscriptions.subscribe(request);
    }

    /** Every stream's figures for monitoring; cheap (no I/O), consistent per shard, not across shards. */
    public List<StreamStatistics> statistics() {
        return views.statistics();
    }

    // ---- shards --------------------------------------------------------------------------------------------

    /** ListShards. */
    public ListShardsResult listShards(ListShardsRequest request) {
        return lister.listShards(request);
    }

    /**
     * The ARN of the stream a ListShards {@code NextToken} lists — what a ListShards that names no stream is
     * authorized against. A forged, malformed or expired token fails as ListShards would fail it
     * (InvalidArgumentException, ExpiredNextTokenException).
     */
    public String streamArnOfShardsToken(String nextToken) {
        return config.streamArn(lister.streamNameOf(nextToken));
    }

    /** SplitShard. */
    public void splitShard(StreamRef stream, String shardToSplit, String newStartingHashKey) {
        resharder.split(stream, shardToSplit, newStartingHashKey);
    }

    /** MergeShards. */
    public void mergeShards(StreamRef stream, String shardToMerge, String adjacentShardToMerge) {
        resharder.merge(stream, shardToMerge, adjacentShardToMerge);
    }

    /** UpdateShardCount (UNIFORM_SCALING). */
    public UpdateShardCountResult updateShardCount(StreamRef stream, Integer targetShardCount, ScalingType scalingType) {
        return resharder.updateShardCount(stream, targetShardCount, scalingType);
    }

    // ---- consumers -----------------------------------------------------------------------------------------

    /** RegisterStreamConsumer. */
    public ConsumerDescription registerStreamConsumer(String streamArn, String consumerName) {
        return consumers.register(streamArn, consumerName);
    }

    /** DescribeStreamConsumer: by consumer ARN, or by stream ARN + consumer name. */
    public ConsumerDescription describeStreamConsumer(String streamArn, String consumerName, String consumerArn) {
        return consumers.describe(streamArn, consumerName, consumerArn);
    }

    /** ListStreamConsumers: {@code maxResults} 1..10000 (default 100); tokens expire after 300 s. */
    public ListConsumersResult listStreamConsumers(String streamArn, Integer maxResults, String nextToken) {
        return listStreamConsumers(streamArn, maxResults, nextToken, null);
    }

    /**
     * ListStreamConsumers of the stream created at {@code streamCreationTimestampMs} (when not null; an earlier or
     * later stream of the same name is ResourceNotFoundException, as in {@link #listShards}).
     */
    public ListConsumersResult listStreamConsumers(String streamArn, Integer maxResults, String nextToken,
                                                   Long streamCreationTimestampMs) {
        return consumers.list(streamArn, maxResults, nextToken, streamCreationTimestampMs);
    }

    /** DeregisterStreamConsumer: by consumer ARN, or by stream ARN + consumer name. */
    public void deregisterStreamConsumer(String streamArn, String consumerName, String consumerArn) {
        consumers.deregister(streamArn, consumerName, consumerArn);
    }

    // ---- resource policies --------------------------------------------------------------------------------

    /** PutResourcePolicy on a stream or consumer ARN (stored verbatim; the server enforces it). */
    public void putResourcePolicy(String resourceArn, String policy) {
        policies.put(resourceArn, policy);
    }

    /** GetResourcePolicy: the stored policy JSON, empty when none is attached. */
    public Optional<String> getResourcePolicy(String resourceArn) {
        return policies.get(resourceArn);
    }

    /** DeleteResourcePolicy; ResourceNotFoundException when none is attached. */
    public void deleteResourcePolicy(String resourceArn) {
        policies.delete(resourceArn);
    }

    // ---- housekeeping --------------------------------------------------------------------------------------

    /** Runs retention, due deletions and on-demand scaling now (the scheduler runs it periodically too). */
    public Maintenance.Report runMaintenance() {
        return maintenance.run();
    }

    private void runMaintenanceLogged() {
        try {
            Maintenance.Report report = maintenance.run();
            LOG.debug("maintenance: {}", report);
        } catch (RuntimeException e) {
            LOG.error("maintenance pass failed", e);
        }
    }

    /**
     * Stops the scheduler, then flushes and closes every shard log and the log runtime, and releases the data
     * directory. Idempotent: a second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        registry.closeAll();
        try {
            storage.close();
            if (lock != null) {
                lock.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the storage of " + config.dataDir(), e);
        }
    }
}
