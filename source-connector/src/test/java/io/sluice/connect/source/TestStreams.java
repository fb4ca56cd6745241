package io.sluice.connect.source;

import static org.awaitility.Awaitility.await;

import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The producer side of the ITs: a Kinesis client on a Sluice server, streams, and numbered records. Record data is
 * {@code <key>:<n>} where n counts that key's records, so a consumer can check per key that every record arrived
 * once and in order.
 */
final class TestStreams implements AutoCloseable {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "secret-1";

    private final URI endpoint;
    private final ManagedKinesisClient client;
    private final Map<String, Integer> nextPerKey = new HashMap<>();

    TestStreams(URI endpoint) {
        this.endpoint = endpoint;
        this.client = KinesisClientFactory.create(KinesisConnectionConfig.parse(connectionProps(endpoint)));
    }

    static Map<String, String> connectionProps(URI endpoint) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(KinesisConnectionConfig.BASE_URL_CONFIG, endpoint.toString());
        props.put(KinesisConnectionConfig.REGION_CONFIG, "us-east-1");
        props.put(KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG, ACCESS_KEY);
        props.put(KinesisConnectionConfig.SECRET_KEY_CONFIG, SECRET_KEY);
        return props;
    }

    /** A source connector config reading {@code stream} into {@code topic}, quick to notice reshards. */
    Map<String, String> connectorConfig(String stream, String topic) {
        Map<String, String> config = new LinkedHashMap<>(connectionProps(endpoint));
        config.put("connector.class", KinesisSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("kinesis.stream", stream);
        config.put("kafka.topic", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("kinesis.empty.records.backoff.ms", "200");
        config.put("kinesis.shard.discovery.interval.ms", "1000");
        return config;
    }

    KinesisClient kinesis() {
        return client.client();
    }

    void create(String stream, int shards) {
        kinesis().createStream(r -> r.streamName(stream).shardCount(shards));
        awaitActive(stream);
    }

    void awaitActive(String stream) {
        await().atMost(Duration.ofSeconds(30)).until(() -> kinesis().describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
    }

    /** Splits the stream's first shard in the middle of its hash range; returns the shard and its two children, low first. */
    List<Shard> splitFirstShard(String stream) {
        Shard parent = shards(stream).get(0);
        BigInteger low = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger high = new BigInteger(parent.hashKeyRange().endingHashKey());
        kinesis().splitShard(r -> r.streamName(stream).shardToSplit(parent.shardId())
                .newStartingHashKey(low.add(high).shiftRight(1).toString()));
        awaitActive(stream);
        List<Shard> children = new ArrayList<>(shards(stream).stream()
                .filter(s -> parent.shardId().equals(s.parentShardId())).toList());
        children.sort(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())));
        return List.of(parent, children.get(0), children.get(1));
    }

    /** Merges two adjacent shards, the lower first. */
    void merge(String stream, Shard lower, Shard upper) {
        kinesis().mergeShards(r -> r.streamName(stream).shardToMerge(lower.shardId()).adjacentShardToMerge(upper.shardId()));
        awaitActive(stream);
    }

    List<Shard> shards(String stream) {
        return kinesis().listShards(r -> r.streamName(stream)).shards();
    }

    /** Puts {@code perKey} records for each of {@code keys} keys, interleaved, in order per key. */
    List<String> putNumbered(String stream, int keys, int perKey) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                String key = "pk-" + k;
                String value = key + ":" + nextPerKey.merge(stream + "/" + key, 1, Integer::sum);
                values.add(value);
                entries.add(PutRecordsRequestEntry.builder().partitionKey(key)
                        .data(SdkBytes.fromUtf8String(value)).build());
            }
        }
        putAll(stream, entries);
        return values;
    }

    /**
     * PutRecords in batches of up to 500, retrying the entries the server throttled until all are in. Within a
     * batch, a retried entry lands after entries of the same key that succeeded — callers that need per-key order
     * put below the limits.
     */
    void putAll(String stream, List<PutRecordsRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += 500) {
            List<PutRecordsRequestEntry> pending = entries.subList(from, Math.min(entries.size(), from + 500));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(pending.size() + " records still throttled after 60 s");
                }
                List<PutRecordsRequestEntry> batch = pending;
                PutRecordsResponse response = kinesis().putRecords(r -> r.streamName(stream).records(batch));
                List<PutRecordsRequestEntry> failed = new ArrayList<>();
                List<PutRecordsResultEntry> results = response.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() != null) {
                        failed.add(batch.get(i));
                    }
                }
                pending = failed;
                if (!failed.isEmpty()) {
                    // Back off on throttling like a well-behaved producer (a wait, not a condition poll).
                    sleepQuietly(200);
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /**
     * The values per key in arrival order. With the key partitioner a key's records share one partition, so
     * the consumer's order per key is the order in Kafka.
     */
    static Map<String, List<Integer>> perKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<Integer>> perKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String[] parts = value(record).split(":");
            perKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        return perKey;
    }

    /** The expected {@link #perKey} after {@code perKey} records for each of {@code keys} keys: 1..perKey each. */
    static Map<String, List<Integer>> expectedPerKey(int keys, int perKey) {
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        for (int k = 0; k < keys; k++) {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 1; i <= perKey; i++) {
                numbers.add(i);
            }
            expected.put("pk-" + k, numbers);
        }
        return expected;
    }

    @Override
    public void close() {
        client.close();
    }
}
