package io.sluice.compat.kpl;

import static org.awaitility.Awaitility.await;

import io.sluice.server.testing.SluiceServerExtension;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The AWS SDK for Java v2 on the test's TLS Sluice server, trusting its certificate: streams made for the KPL to
 * write to, and every record of a stream read back with GetRecords.
 */
final class SluiceStreams implements AutoCloseable {

    private final KinesisClient kinesis;

    SluiceStreams(SluiceServerExtension sluice) throws IOException, GeneralSecurityException {
        TrustManager[] trust = sluice.certificate().trustManagers();
        kinesis = KinesisClient.builder()
                .endpointOverride(sluice.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KplSettings.CREDENTIALS))
                .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
                .build();
    }

    KinesisClient kinesis() {
        return kinesis;
    }

    /** Creates {@code stream} and returns its shards once it is ACTIVE. */
    List<Shard> create(String stream, int shardCount) {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shardCount));
        await().atMost(Duration.ofSeconds(30)).until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
        return kinesis.listShards(r -> r.streamName(stream)).shards();
    }

    /** Every record of every shard of {@code stream}, from its start to its end now, per shard id. */
    Map<String, List<Record>> readAll(String stream) {
        Map<String, List<Record>> perShard = new LinkedHashMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            perShard.put(shard.shardId(), readShard(stream, shard.shardId()));
        }
        return perShard;
    }

    private List<Record> readShard(String stream, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = iterator;
            GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current));
            records.addAll(response.records());
            if (response.records().isEmpty() && response.millisBehindLatest() == 0) {
                return records;
            }
            iterator = response.nextShardIterator();
        }
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
