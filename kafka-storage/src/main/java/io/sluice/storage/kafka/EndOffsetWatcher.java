package io.sluice.storage.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices records other servers append: every {@code periodMs} it asks Kafka for the end offsets of every open
 * shard here (one request for all) and wakes the shards whose end moved, so long polls and enhanced fan-out here
 * see another server's records within a period. This server's own appends wake readers at once.
 */
final class EndOffsetWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndOffsetWatcher.class);

    private final Topics topics;
    private final Map<TopicPartition, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-kafka-end-watcher");
        t.setDaemon(true);
        return t;
    });

    private static final class Watched {
        final Runnable wake;
        volatile long end = -1;

        Watched(Runnable wake) {
            this.wake = wake;
        }
    }

    EndOffsetWatcher(Topics topics, long periodMs) {
        this.topics = topics;
        timer.scheduleWithFixedDelay(this::check, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void watch(TopicPartition partition, Runnable wake) {
        watched.put(partition, new Watched(wake));
    }

    /** Stops waking {@code wake} (another shard object of the partition may have taken its place meanwhile). */
    void unwatch(TopicPartition partition, Runnable wake) {
        watched.computeIfPresent(partition, (tp, w) -> w.wake == wake ? null : w);
    }

    private void check() {
        if (watched.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = topics.offsets(new HashMap<>(watched).keySet(), OffsetSpec.latest());
            ends.forEach((tp, end) -> {
                Watched w = watched.get(tp);
                if (w != null && w.end != end) {
                    boolean moved = w.end >= 0;
                    w.end = end;
                    if (moved) {
                        w.wake.run();
                    }
                }
            });
        } catch (Exception e) {
            LOG.debug("checking end offsets failed; the next period tries again", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
