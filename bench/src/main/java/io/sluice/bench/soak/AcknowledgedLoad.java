package io.sluice.bench.soak;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The valid half of the soak: producers writing PutRecords batches through the AWS SDK, each record carrying a
 * unique id, and the ids the server acknowledged; at the end every shard is read from its start and each
 * acknowledged id must be there. Thread-safe.
 */
final class AcknowledgedLoad {

    static final String STREAM = "Soak";
    private static final int BATCH = 100;
    private static final int PADDING = 200;

    private final KinesisClient client;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong refusedEntries = new AtomicLong();
    private final AtomicLong failedCalls = new AtomicLong();

    AcknowledgedLoad(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        client = KinesisClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
                .build();
    }

    void createStream(int shards) throws InterruptedException {
        client.createStream(r -> r.streamName(STREAM).shardCount(shards));
        client.waiter().waitUntilStreamExists(r -> r.streamName(STREAM));
    }

    /** One PutRecords call from producer {@code producer}; returns the next sequence number to use. */
    long putBatch(int producer, long next) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(BATCH);
        List<String> ids = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++, next++) {
            String id = producer + "-" + next;
            ids.add(id);
            entries.add(PutRecordsRequestEntry.builder().partitionKey(id)
                    .data(SdkBytes.fromString(id + "|" + "x".repeat(PADDING), StandardCharsets.UTF_8)).build());
        }
        try {
            PutRecordsResponse response = client.putRecords(r -> r.streamName(STREAM).records(entries));
            for (int i = 0; i < response.records().size(); i++) {
                if (response.records().get(i).errorCode() == null) {
                    acknowledged.add(ids.get(i));
                } else {
                    refusedEntries.incrementAndGet();
                }
            }
        } catch (RuntimeException notAcknowledged) { // e.g. 503 at the in-flight limit after the SDK's retries
            failedCalls.incrementAndGet();
        }
        return next;
    }

    long acknowledgedCount() {
        return acknowledged.size();
    }

    long refusedEntries() {
        return refusedEntries.get();
    }

    long failedCalls() {
        return failedCalls.get();
    }

    /** Reads every shard from its start to its end and answers the acknowledged ids it did not find. */
    Set<String> missing() {
        Set<String> found = new HashSet<>();
        for (Shard shard : client.listShards(r -> r.streamName(STREAM)).shards()) {
            String iterator = client.getShardIterator(r -> r.streamName(STREAM).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = client.getRecords(r -> r.shardIterator(current));
                for (Record record : page.records()) {
                    String data = record.data().asUtf8String();
                    found.add(data.substring(0, data.indexOf('|')));
                }
                iterator = page.records().isEmpty() && page.millisBehindLatest() == 0 ? null : page.nextShardIterator();
            }
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(found);
        return missing;
    }

    /** Whether the server still answers an ordinary call. */
    boolean serves() {
        return client.describeStreamSummary(r -> r.streamName(STREAM)).streamDescriptionSummary() != null;
    }

    void close() {
        client.close();
    }

    static {
        // the soak talks to loopback only
        System.setProperty(SdkSystemSetting.AWS_EC2_METADATA_DISABLED.property(), "true");
    }
}
