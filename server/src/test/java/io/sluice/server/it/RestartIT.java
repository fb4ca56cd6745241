package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.testing.SluiceServerExtension;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Streams, records, sequence numbers and iterators (within their 5 minutes) survive a server restart. */
class RestartIT {

    @Test
    void aRestartedServerServesTheSameRecordsAndKeepsNumbersIncreasing() {
        try (SluiceServerExtension server = SluiceServerExtension.builder().start()) {
            String before;
            String lastSequence;
            String iterator;
            try (KinesisClient kinesis = KinesisClients.SYNC_CBOR.create(server.server().endpoint())) {
                kinesis.createStream(r -> r.streamName("durable").shardCount(1));
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    kinesis.putRecord(r -> r.streamName("durable").partitionKey("k").data(SdkBytes.fromUtf8String("r" + n)));
                }
                iterator = kinesis.getShardIterator(r -> r.streamName("durable").shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).records();
                before = records.stream().map(r -> r.data().asUtf8String()).toList().toString();
                lastSequence = records.get(records.size() - 1).sequenceNumber();
            }

            server.restart(config -> config);

            try (KinesisClient kinesis = KinesisClients.SYNC_JSON.create(server.server().endpoint())) {
                GetRecordsResponse again = kinesis.getRecords(r -> r.shardIterator(iterator));
                assertThat(again.records().stream().map(r -> r.data().asUtf8String()).toList().toString())
                        .as("an iterator issued before the restart still reads the same records").isEqualTo(before);

                String next = kinesis.putRecord(r -> r.streamName("durable").partitionKey("k")
                        .data(SdkBytes.fromUtf8String("after"))).sequenceNumber();
                assertThat(new BigInteger(next)).isGreaterThan(new BigInteger(lastSequence));
                assertThat(kinesis.listStreams(r -> { }).streamNames()).containsExactly("durable");
            }
        }
    }
}
