package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.StorageSettings;
import io.sluice.server.testing.KafkaCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Kafka storage on three brokers with replication factor 3: the broker leading a shard's partition dies while a
 * producer writes; no acknowledged record is lost and writes resume on the new leader.
 */
class KafkaBrokerFailureIT {

    @Test
    void losingTheLeaderLosesNoAcknowledgedRecordAndWritesResume() throws Exception {
        try (KafkaCluster kafka = new KafkaCluster(3);
             SluiceServer server = SluiceServer.start(ServerConfig.defaults().withPort(0).withLimits(false)
                     .withDataDir(Files.createTempDirectory("sluice-kafka-failure-"))
                     .withStorage(new StorageSettings(StorageSettings.Kind.KAFKA, kafka.bootstrapServers(), 3,
                             "kinesis-", Map.of())));
             KinesisClient kinesis = KinesisClients.SYNC_CBOR.create(server.endpoint())) {
            kinesis.createStream(r -> r.streamName("replicated").shardCount(1));
            await().until(() -> kinesis.describeStreamSummary(r -> r.streamName("replicated"))
                    .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger ackedAfterKill = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    List<PutRecordsRequestEntry> batch = new ArrayList<>();
                    for (int i = 0; i < 20; i++, n++) {
                        batch.add(PutRecordsRequestEntry.builder().partitionKey("k" + (n % 7))
                                .data(SdkBytes.fromUtf8String("record-" + n)).build());
                    }
                    try {
                        PutRecordsResponse put = kinesis.putRecords(r -> r.streamName("replicated").records(batch));
                        for (int i = 0; i < batch.size(); i++) {
                            if (put.records().get(i).errorCode() == null) {
                                acknowledged.add(batch.get(i).data().asUtf8String());
                                if (killed.get()) {
                                    ackedAfterKill.incrementAndGet();
                                }
                            }
                        }
                    } catch (SdkException e) {
                        // refused while the partition has no leader: nothing of it is acknowledged
                    }
                }
            });
            producer.start();
            await().until(() -> acknowledged.size() >= 500);
            int leader = leaderOf(kafka, "kinesis-replicated");
            kafka.stopBroker(leader);
            killed.set(true);
            await().atMost(Duration.ofSeconds(60)).until(() -> ackedAfterKill.get() >= 500);
            stop.set(true);
            producer.join();

            Shard shard = kinesis.listShards(r -> r.streamName("replicated")).shards().get(0);
            Set<String> read = ConcurrentHashMap.newKeySet();
            String[] iterator = {kinesis.getShardIterator(r -> r.streamName("replicated").shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var page = kinesis.getRecords(r -> r.shardIterator(iterator[0]));
                page.records().forEach(rec -> read.add(rec.data().asUtf8String()));
                iterator[0] = page.nextShardIterator();
                return page.millisBehindLatest() == 0 && page.records().isEmpty();
            });
            assertThat(read).as("every acknowledged record, after broker %d died", leader).containsAll(acknowledged);
            assertThat(ackedAfterKill.get()).isGreaterThanOrEqualTo(500);
        }
    }

    private static int leaderOf(KafkaCluster kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader().id();
        }
    }
}
