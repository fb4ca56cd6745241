package io.sluice.connect.source;

import io.sluice.connect.common.PluginVersion;
import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisAsyncClient;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.source.config.FanOutMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the shards the connector assigned ({@link KinesisSourceTaskConfig}) into Kafka.
 *
 * <p>With enhanced fan-out ({@code kinesis.fanout.mode=enhanced}) each shard is a {@link ShardSubscriber}: the SDK
 * pushes its events, the first of which wakes a waiting {@code poll()}. Otherwise (shared fan-out):
 *
 * <p>One thread, no thread per shard: {@link #poll()} walks the shards round robin and makes one GetRecords call
 * per shard that is due (each shard rests {@code kinesis.shard.poll.interval.ms} between calls, longer when it was
 * empty or throttled). Kinesis limits reads per shard, not per connection, so a task with many shards spends its
 * time waiting for shards to become due rather than on calls; a synchronous client on one thread keeps the
 * position bookkeeping single-threaded and simple, and bounds the task's load on the server. A round stops after
 * about a second so {@code poll()} returns promptly; when no shard is due and nothing was read it waits
 * (interruptibly, woken by {@link #stop()} or a pushed event) until the next shard is due, at most a second, and returns
 * {@code null} — it never spins.
 *
 * <p>{@link #stop()} may be called from another thread while {@code poll()} runs, as Connect does.
 */
public class KinesisSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(KinesisSourceTask.class);
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CountDownLatch stopping = new CountDownLatch(1);
    /** Released by pushed shards when an event arrives and by {@link #stop()}: a waiting poll returns at once. */
    private final Semaphore wakeUp = new Semaphore(0);
    private ManagedKinesisClient client;
    private ManagedKinesisAsyncClient asyncClient;
    private List<ShardSource> readers = List.of();
    private int next;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        KinesisSourceTaskConfig config = new KinesisSourceTaskConfig(props);
        client = KinesisClientFactory.create(config.connection());
        boolean enhanced = config.fanOutMode() == FanOutMode.ENHANCED;
        StreamConsumers consumers = null;
        if (enhanced) {
            asyncClient = KinesisClientFactory.createAsync(config.connection());
            consumers = new StreamConsumers(client.client(), config.fanOutConsumerName());
        }
        SourceMetrics metrics = new SourceMetrics(context.pluginMetrics());
        RecordMapper mapper = new RecordMapper(config);
        List<Map<String, String>> partitions = config.shards().stream().map(SourceOffsets::toPartition).toList();
        Map<Map<String, String>, Map<String, Object>> committed = context.offsetStorageReader().offsets(partitions);
        long now = System.nanoTime();
        List<ShardSource> created = new ArrayList<>();
        for (ShardRef shard : config.shards()) {
            var checkpoint = SourceOffsets.fromOffset(committed.get(SourceOffsets.toPartition(shard)));
            created.add(enhanced
                    ? new ShardSubscriber(shard, config, asyncClient.client(), consumers, mapper, metrics.shard(shard),
                            checkpoint, wakeUp::release, now)
                    : new ShardReader(shard, config, client.client(), mapper, metrics.shard(shard), checkpoint, now));
            log.info("Reading shard {} ({} fan-out) from {}", shard, config.fanOutMode().configValue(),
                    checkpoint.map(c -> "after " + c)
                    .orElse(config.startsFromTrimHorizon(shard) ? "its start (a child of a shard read)"
                            : config.startPosition().configValue()));
        }
        readers = List.copyOf(created);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long started = System.nanoTime();
        List<SourceRecord> batch = new ArrayList<>();
        try {
            for (int i = 0; i < readers.size() && stopping.getCount() > 0; i++) {
                ShardSource reader = readers.get(next);
                next = (next + 1) % readers.size();
                long now = System.nanoTime();
                if (reader.isDue(now)) {
                    batch.addAll(reader.read(now));
                }
                if (now - started > ROUND_NANOS) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            if (stopping.getCount() == 0) {
                return null; // stop() closed the client under a call in flight
            }
            throw e;
        }
        if (!batch.isEmpty()) {
            return batch;
        }
        long now = System.nanoTime();
        long wait = readers.stream().filter(r -> !r.ended()).mapToLong(r -> r.dueNanos() - now).min()
                .orElse(ROUND_NANOS);
        if (wait > 0 && wakeUp.tryAcquire(Math.min(wait, ROUND_NANOS), TimeUnit.NANOSECONDS)) {
            wakeUp.drainPermits(); // one wake-up serves every event that arrived meanwhile
        }
        return null;
    }

    @Override
    public void stop() {
        stopping.countDown();
        wakeUp.release();
        for (ShardSource reader : readers) {
            reader.close();
        }
        if (asyncClient != null) {
            asyncClient.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
