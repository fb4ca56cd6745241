package io.sluice.quickstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Kinesis calls the quickstart makes as the seed's scripts do: create a stream, read a whole stream back. */
final class Streams {

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration THROTTLED_PAUSE = Duration.ofMillis(250);

    private Streams() {
    }

    /** Creates {@code stream} with {@code shards} shards unless it exists, and waits until it is ACTIVE. */
    static void createIfMissing(KinesisClient kinesis, String stream, int shards) throws InterruptedException {
        if (!kinesis.listStreams().streamNames().contains(stream)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        }
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(stream + " did not become ACTIVE within " + ACTIVE_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Every record in {@code stream}, shard by shard from TRIM_HORIZON, read like the seed's consumer: GetRecords
     * of 10 with the next iterator until a call returns no records. A shard allows 5 reads per second across all
     * its readers (the source connector reads it too), so a throttled call waits and is made again.
     */
    static List<Record> readAll(KinesisClient kinesis, String stream) throws InterruptedException {
        List<Record> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page;
                try {
                    page = kinesis.getRecords(r -> r.shardIterator(current).limit(10));
                } catch (ProvisionedThroughputExceededException throttled) {
                    Thread.sleep(THROTTLED_PAUSE.toMillis());
                    continue;
                }
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }
}
