package io.sluice.compat.kpl;

import static io.sluice.compat.kpl.UserRecords.byKey;
import static io.sluice.compat.kpl.UserRecords.delivered;
import static io.sluice.compat.kpl.UserRecords.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.compat.kpl.UserRecords.Delivered;
import io.sluice.compat.kpl.UserRecords.UserRecord;
import io.sluice.testkit.SluiceServerExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The real KPL (its native daemon over HTTPS) with aggregation off writes to a Sluice server; GetRecords through the
 * AWS SDK v2 gives back exactly what was put: one Kinesis record per user record, byte for byte, in order per key,
 * on the shard the key's hash (or its explicit hash key) names, with the sequence number the KPL reported.
 */
class KplWithoutAggregationIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().tls().build();

    private static SluiceStreams streams;
    private static KinesisProducer producer;

    @BeforeAll
    static void start() throws Exception {
        streams = new SluiceStreams(SLUICE);
        producer = new KinesisProducer(KplSettings.forSluice(SLUICE.endpoint(), false));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.destroy();
        }
        if (streams != null) {
            streams.close();
        }
    }

    @Test
    void everyRecordComesBackByteForByteInOrderPerKeyOnItsHashKeysShard() throws Exception {
        List<Shard> shards = streams.create("kpl-plain", 4);
        List<UserRecord> sent = UserRecords.generate(40, 25, shards, 16);

        List<UserRecordResult> results = KplPuts.putAll(producer, "kpl-plain", sent);

        assertThat(results).as("every put succeeded").allSatisfy(r -> assertThat(r.isSuccessful())
                .as("attempts %s", r.getAttempts()).isTrue());
        Map<String, List<Record>> read = streams.readAll("kpl-plain");
        Map<String, String> shardOfSequence = new HashMap<>();
        List<Delivered> received = new ArrayList<>();
        read.forEach((shardId, records) -> records.forEach(record -> {
            shardOfSequence.put(record.sequenceNumber(), shardId);
            received.add(new Delivered(record.partitionKey(), record.data().asByteArray()));
        }));
        assertThat(received).as("one Kinesis record per user record").hasSameSizeAs(sent);
        assertThat(byKey(received)).as("per key, the data in put order, byte for byte")
                .isEqualTo(byKey(delivered(sent)));
        for (int i = 0; i < sent.size(); i++) {
            UserRecord record = sent.get(i);
            String expectedShard = shardOf(record.hashKey(), shards).shardId();
            assertThat(results.get(i).getShardId()).as("shard the KPL reports for %s", record.delivered())
                    .isEqualTo(expectedShard);
            assertThat(shardOfSequence.get(results.get(i).getSequenceNumber()))
                    .as("shard holding the sequence number the KPL reports for %s", record.delivered())
                    .isEqualTo(expectedShard);
        }
        assertThat(sent).as("explicit hash keys send their records elsewhere than their partition key's MD5")
                .filteredOn(r -> r.explicitHashKey() != null)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(shardOf(r.hashKey(), shards))
                        .isNotEqualTo(shardOf(UserRecords.md5(r.partitionKey()), shards)));
    }
}
