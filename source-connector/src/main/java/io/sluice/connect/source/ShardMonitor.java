package io.sluice.connect.source;

import io.sluice.connect.source.ShardLineage.Readable;
import io.sluice.connect.source.ShardLineage.ShardInfo;
import io.sluice.connect.source.SourceOffsets.Checkpoint;
import io.sluice.connect.source.config.StartPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The connector's view of which shards are readable ({@link ShardLineage}), refreshed on a background thread every
 * {@code kinesis.shard.discovery.interval.ms}; {@code onChange} runs (on that thread) whenever the readable set
 * changes, so the connector can ask for new task configurations.
 *
 * <p>A closed shard counts as finished once a GetRecords from just after its committed offset (or from its start
 * position when it has none) finds no record and no next iterator: the task read it to the end and the worker
 * committed the last record. Finished shards are remembered and never probed or read again. The probe costs one
 * GetRecords per unfinished closed shard per refresh, well inside Kinesis's 5 reads per second per shard.
 *
 * <p>Thread-safe: {@link #current()} may be called from any thread; {@link #refresh()} is serialized.
 */
final class ShardMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardMonitor.class);
    /** Empty responses followed per probe before calling the shard "not drained yet" (Kinesis may skip gaps). */
    private static final int PROBE_CALLS = 5;

    private final KinesisSourceConnectorConfig config;
    private final KinesisClient kinesis;
    private final OffsetStorageReader offsets;
    private final Runnable onChange;
    private final Set<ShardRef> finished = ConcurrentHashMap.newKeySet();
    private final Set<ShardRef> assignedBefore = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Readable current = new Readable(List.of(), Set.of());
    private Thread thread;

    ShardMonitor(KinesisSourceConnectorConfig config, KinesisClient kinesis, OffsetStorageReader offsets,
                 Runnable onChange) {
        this.config = config;
        this.kinesis = kinesis;
        this.offsets = offsets;
        this.onChange = onChange;
    }

    /** Refreshes once now (a failure leaves the set empty and is retried), then on the background thread. */
    void start(String connectorName) {
        refreshQuietly();
        thread = new Thread(this::run, "kinesis-source-shard-monitor-" + connectorName);
        thread.setDaemon(true);
        thread.start();
    }

    Readable current() {
        return current;
    }

    private void run() {
        long interval = config.discoveryInterval().toMillis();
        try {
            while (!stopped.await(interval, TimeUnit.MILLISECONDS)) {
                Readable before = current;
                refreshQuietly();
                if (!current.equals(before)) {
                    log.info("Readable shards changed from {} to {}; reconfiguring tasks", before.shards(),
                            current.shards());
                    onChange.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SdkException e) {
            // The next round retries; tasks keep reading what they have meanwhile.
            log.warn("Could not list the shards of {}: {}; retrying in {} ms", streamsText(), e.getMessage(),
                    config.discoveryInterval().toMillis());
        }
    }

    /** Lists the shards, probes closed ones, and updates {@link #current()}. */
    synchronized Readable refresh() {
        List<ShardInfo> listed = new ArrayList<>();
        for (String stream : streams()) {
            try {
                for (Shard shard : listShards(stream)) {
                    if (config.shardIdPattern().matcher(shard.shardId()).matches()) {
                        listed.add(new ShardInfo(new ShardRef(stream, shard.shardId()),
                                Optional.ofNullable(shard.parentShardId()),
                                Optional.ofNullable(shard.adjacentParentShardId()),
                                shard.sequenceNumberRange().endingSequenceNumber() != null));
                    }
                }
            } catch (ResourceNotFoundException e) {
                log.warn("Stream {} does not exist (any more); not reading it", stream);
            }
        }
        Map<ShardRef, ShardInfo> byRef = listed.stream()
                .collect(Collectors.toMap(ShardInfo::ref, Function.identity(), (a, b) -> a));
        for (ShardInfo shard : listed) {
            if (shard.closed() && !finished.contains(shard.ref()) && drained(shard, byRef)) {
                log.info("Shard {} is closed, read to its end and committed; its children may be read", shard.ref());
                finished.add(shard.ref());
            }
        }
        Readable readable = ShardLineage.readable(listed, finished, this::wasRead);
        assignedBefore.addAll(readable.shards());
        current = readable;
        return readable;
    }

    /** ListShards, page by page (a page with a token must not name the stream). */
    private List<Shard> listShards(String stream) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(r -> r.streamName(stream));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(r -> r.nextToken(token));
            shards.addAll(page.shards());
        }
        return shards;
    }

    private boolean wasRead(ShardRef shard) {
        return config.startPosition() == StartPosition.TRIM_HORIZON || assignedBefore.contains(shard)
                || committed(shard).isPresent();
    }

    private boolean drained(ShardInfo shard, Map<ShardRef, ShardInfo> byRef) {
        Optional<Checkpoint> checkpoint = committed(shard.ref());
        if (checkpoint.isPresent() && checkpoint.get().midAggregate()) {
            return false;
        }
        boolean fromStart = ShardLineage.parentsListed(shard, byRef).stream().anyMatch(this::wasRead);
        String iterator = kinesis.getShardIterator(ShardIterators.request(shard.ref(), checkpoint,
                config.startPosition(), config.shardTimestamp(), fromStart)).shardIterator();
        for (int i = 0; i < PROBE_CALLS && iterator != null; i++) {
            String from = iterator;
            GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(from).limit(1));
            if (!response.records().isEmpty()) {
                return false;
            }
            iterator = response.nextShardIterator();
        }
        return iterator == null;
    }

    private Optional<Checkpoint> committed(ShardRef shard) {
        return SourceOffsets.fromOffset(offsets.offset(SourceOffsets.toPartition(shard)));
    }

    private List<String> streams() {
        if (config.streamPattern().isEmpty()) {
            return config.streams();
        }
        return kinesis.listStreamsPaginator(r -> { }).streamNames().stream()
                .filter(name -> config.streamPattern().get().matcher(name).matches())
                .sorted()
                .toList();
    }

    private String streamsText() {
        return config.streamPattern().map(p -> "the streams matching " + p.pattern())
                .orElse(String.join(", ", config.streams()));
    }

    @Override
    public void close() {
        stopped.countDown();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
