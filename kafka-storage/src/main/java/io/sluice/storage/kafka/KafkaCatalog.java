package io.sluice.storage.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.storage.ConcurrentChangeException;
import io.sluice.core.storage.StreamCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams' metadata as a replicated state machine: every change is a {@link CatalogCommand} appended to the
 * one-partition catalog topic, and every server applies the topic in order ({@link CatalogState}), so they agree
 * without a leader. A server proposing a change answers once it has applied it itself: then the engine's listener
 * has seen it, and whether it took effect is known.
 *
 * <p>One thread per server (the applier) reads the topic from its start and applies each record; the listener runs
 * on it. {@link #awaitApplied()} waits until everything appended before the call is applied here: the write path
 * uses it to learn of a close another server made while its records went out.
 */
final class KafkaCatalog implements StreamCatalog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCatalog.class);

    private final KafkaStorageConfig config;
    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final CatalogState state = new CatalogState();
    private final Map<String, CompletableFuture<Boolean>> proposals = new ConcurrentHashMap<>();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
    private final Thread applier;
    private final CatalogBarrier barrier;
    private final SecureRandom random = new SecureRandom();
    private Listener listener;
    private long applied; // the next catalog offset to apply; guarded by this
    private volatile boolean closing;

    private record Waiter(long offset, CompletableFuture<Void> done) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            return Long.compare(offset, o.offset);
        }
    }

    KafkaCatalog(KafkaStorageConfig config, KafkaClients clients, Topics topics,
                 KafkaProducer<byte[], byte[]> producer) throws IOException {
        this.config = config;
        this.topics = topics;
        this.producer = producer;
        this.partition = new TopicPartition(config.catalogTopic(), 0);
        topics.ensureCatalogTopic(config.catalogTopic());
        this.consumer = clients.consumer("sluice-catalog", 20);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.barrier = new CatalogBarrier(() -> topics.offsetAsync(partition, OffsetSpec.latest()));
        this.applier = new Thread(this::applyLoop, "sluice-catalog-applier");
        applier.setDaemon(true);
        applier.start();
        awaitApplied(); // serve nothing before every change made so far is known
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public byte[] loadOrCreateIteratorKey() throws IOException {
        String key;
        synchronized (this) {
            key = state.iteratorKey();
        }
        if (key == null) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            propose(CatalogCommand.iteratorKey(HexFormat.of().formatHex(fresh), UUID.randomUUID().toString()));
            synchronized (this) {
                key = state.iteratorKey(); // the first key in the topic, this one or another server's
            }
        }
        return HexFormat.of().parseHex(key);
    }

    /** The stream's topic: the prefix and its name, with a suffix when that topic is taken (a deleted stream's, not yet gone). */
    @Override
    public String newStreamId(String streamName) throws IOException {
        String topic = config.topicPrefix() + streamName;
        if (!topic.equals(config.catalogTopic()) && topics.partitions(topic) == 0) {
            return topic;
        }
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return topic + "-" + HexFormat.of().formatHex(suffix);
    }

    @Override
    public void writeStream(StreamMetadata previous, StreamMetadata next) throws IOException {
        propose(CatalogCommand.setStream(next.name(), baseOf(next.name(), previous), next, UUID.randomUUID().toString()));
    }

    @Override
    public void removeStream(StreamMetadata previous) throws IOException {
        propose(CatalogCommand.setStream(previous.name(), baseOf(previous.name(), previous), null,
                UUID.randomUUID().toString()));
    }

    private synchronized long baseOf(String name, StreamMetadata previous) throws ConcurrentChangeException {
        CatalogState.Versioned current = state.stream(name);
        if (previous == null) {
            if (current != null) {
                throw new ConcurrentChangeException("a stream of this name exists");
            }
            return CatalogCommand.ABSENT;
        }
        if (current == null || !current.stream().equals(previous)) {
            throw new ConcurrentChangeException("it changed since it was read");
        }
        return current.version();
    }

    @Override
    public synchronized List<StreamMetadata> readStreams() {
        return state.streams();
    }

    @Override
    public synchronized List<StreamMetadata> follow(Listener newListener) {
        this.listener = newListener;
        return state.streams();
    }

    /** Appends {@code command} and waits until it is applied here; refused when it did not take effect. */
    private void propose(CatalogCommand command) throws IOException {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        proposals.put(command.request(), outcome);
        try {
            byte[] key = (command.name() == null ? command.kind() : command.name()).getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(partition.topic(), 0, key, mapper.writeValueAsBytes(command)))
                    .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!outcome.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConcurrentChangeException("another server's change to it came first");
            }
        } catch (ExecutionException e) {
            throw new IOException("The catalog topic " + partition.topic() + " did not take the change: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("The change was not confirmed within " + config.timeout().toMillis() + " ms; it may"
                    + " still take effect", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while proposing a change", e);
        } finally {
            proposals.remove(command.request());
        }
    }

    /** Waits until every record appended to the catalog before this call is applied here. */
    void awaitApplied() throws IOException {
        awaitAppliedSince(System.nanoTime());
    }

    /**
     * Waits until every record appended to the catalog before {@code sinceNanos} ({@link System#nanoTime()}) is
     * applied here; concurrent callers share one request for the catalog's end.
     */
    void awaitAppliedSince(long sinceNanos) throws IOException {
        long end;
        try {
            end = barrier.endOffsetAfter(sinceNanos).get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("The catalog's end offset cannot be read: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("The catalog's end offset was not read within " + config.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the catalog's end offset", e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (applied >= end) {
                return;
            }
            waiters.add(new Waiter(end, done));
        }
        try {
            done.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("The catalog cannot be read: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("The catalog was not read up to offset " + end + " within "
                    + config.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the catalog", e);
        }
    }

    private void applyLoop() {
        while (!closing) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                long position = consumer.position(partition);
                synchronized (this) {
                    applied = Math.max(applied, position);
                    releaseWaiters();
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (!closing) {
                    LOG.error("reading the catalog topic {} failed; retrying", partition.topic(), e);
                    sleepQuietly();
                }
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        CatalogCommand command = decode(record);
        boolean accepted;
        synchronized (this) {
            CatalogState.Versioned before = command == null || command.name() == null ? null : state.stream(command.name());
            accepted = state.apply(record.offset(), command);
            if (accepted && listener != null && CatalogCommand.STREAM.equals(command.kind())) {
                notifyListener(before, command);
            }
            applied = record.offset() + 1;
            releaseWaiters();
        }
        if (command != null) {
            CompletableFuture<Boolean> proposal = proposals.get(command.request());
            if (proposal != null) {
                proposal.complete(accepted);
            }
        }
    }

    private void notifyListener(CatalogState.Versioned before, CatalogCommand command) {
        try {
            if (command.stream() == null) {
                listener.removed(command.name(), before.stream().id());
            } else {
                listener.changed(command.stream());
            }
        } catch (RuntimeException e) {
            LOG.error("applying the change of stream {} failed", command.name(), e);
        }
    }

    private CatalogCommand decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return mapper.readValue(record.value(), CatalogCommand.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping catalog record {} that this version cannot read: {}", record.offset(), e.getMessage());
            return null;
        }
    }

    private void releaseWaiters() {
        while (!waiters.isEmpty() && waiters.peek().offset() <= applied) {
            waiters.poll().done().complete(null);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            applier.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        List<Waiter> left;
        synchronized (this) {
            left = new ArrayList<>(waiters);
            waiters.clear();
        }
        left.forEach(w -> w.done().completeExceptionally(new IOException("the storage is closing")));
    }
}
