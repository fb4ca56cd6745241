package io.sluice.storage.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the storage asks of Kafka's admin API: topics for streams and the catalog, their partitions, their
 * retention, and offsets. Every call is idempotent (a topic that exists, partitions already added), so any server
 * may redo one another server started.
 */
final class Topics {

    private final Admin admin;
    private final short replicationFactor;
    private final Duration timeout;

    Topics(Admin admin, short replicationFactor, Duration timeout) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** The topic's partition count, or 0 when it does not exist. */
    int partitions(String topic) throws IOException {
        try {
            TopicDescription d = await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
            return d.partitions().size();
        } catch (IOException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }

    /** Creates a stream's topic, or adds partitions until it has {@code partitions}. */
    void ensureStreamTopic(String topic, int partitions, long retentionMs) throws IOException {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(KafkaClients.MAX_RECORD_BATCH_BYTES));
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas());
        ensure(topic, partitions, configs);
    }

    /** The catalog: one partition, kept forever (its records are the history every server replays). */
    void ensureCatalogTopic(String topic) throws IOException {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas());
        ensure(topic, 1, configs);
    }

    /**
     * With three replicas or more, an acknowledged record is on at least two ({@code acks=all} waits for the
     * in-sync ones): losing one broker loses nothing acknowledged, and writes go on.
     */
    private String minInSyncReplicas() {
        return replicationFactor >= 3 ? "2" : "1";
    }

    private void ensure(String topic, int partitions, Map<String, String> configs) throws IOException {
        try {
            NewTopic t = new NewTopic(topic, partitions, replicationFactor).configs(configs);
            await(admin.createTopics(List.of(t)).all());
            awaitLeaders(topic, partitions);
            return;
        } catch (IOException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        if (partitions(topic) < partitions) {
            try {
                await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all());
            } catch (IOException e) {
                if (!(e.getCause() instanceof InvalidPartitionsException) || partitions(topic) < partitions) {
                    throw e; // InvalidPartitions with enough partitions: another server added them meanwhile
                }
            }
        }
        awaitLeaders(topic, partitions);
    }

    /**
     * Returns once every partition's leader answers. Writing to a partition whose leader is still being elected
     * could leave the idempotent producer's first batch refused while later ones were in flight, and retrying out of
     * sequence until the delivery timeout.
     */
    private void awaitLeaders(String topic, int partitions) throws IOException {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                offsets(all, OffsetSpec.latest());
                return;
            } catch (IOException e) {
                // A topic just made is unknown to a broker until its metadata reaches it: ask again.
                boolean notYet = e.getCause() instanceof InvalidMetadataException;
                if (!notYet || System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a topic's leaders", e);
        }
    }

    void setRetention(String topic, long retentionMs) throws IOException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs)),
                AlterConfigOp.OpType.SET);
        await(admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all());
    }

    void delete(String topic) throws IOException {
        try {
            await(admin.deleteTopics(List.of(topic)).all());
        } catch (IOException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** The offsets {@code spec} names for each partition ({@code -1} where a timestamp has no record at or after it). */
    Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) throws IOException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition tp : partitions) {
            request.put(tp, spec);
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = await(admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        info.forEach((tp, i) -> offsets.put(tp, i.offset()));
        return offsets;
    }

    /** Like {@link #offset}, without waiting. */
    CompletableFuture<Long> offsetAsync(TopicPartition partition, OffsetSpec spec) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        admin.listOffsets(Map.of(partition, spec)).partitionResult(partition).whenComplete((info, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(info.offset());
            }
        });
        return result;
    }

    long offset(TopicPartition partition, OffsetSpec spec) throws IOException {
        return offsets(List.of(partition), spec).get(partition);
    }

    private <T> T await(KafkaFuture<T> future) throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("Kafka: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Kafka did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Kafka", e);
        }
    }
}
