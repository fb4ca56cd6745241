package io.sluice.compat.kpl;

import static io.sluice.compat.kpl.UserRecords.assertSameRecords;
import static io.sluice.compat.kpl.UserRecords.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.compat.kpl.UserRecords.Delivered;
import io.sluice.compat.kpl.UserRecords.UserRecord;
import io.sluice.server.testing.SluiceServerExtension;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The real KPL (its native daemon over HTTPS) with aggregation off writes to a Sluice server; GetRecords through the
 * AWS SDK v2 gives back exactly what was put: one Kinesis record per user record, byte for byte, at the sequence
 * number the KPL reported for it, on the shard its hash key (the partition key's MD5 or the explicit hash key)
 * names, and each key's records in the order of those sequence numbers.
 */
class KplWithoutAggregationIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().tls().build();

    private static KplClients clients;

    @BeforeAll
    static void start() throws Exception {
        clients = KplClients.open(SLUICE, false);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void everyRecordComesBackByteForByteAtItsSequenceNumberOnItsHashKeysShard() throws Exception {
        List<Shard> shards = clients.streams().create("kpl-plain", 4);
        List<UserRecord> sent = UserRecords.generate(40, 25, shards, 16);

        List<UserRecordResult> results = KplPuts.putAllSuccessfully(clients.producer(), "kpl-plain", sent);
        Map<String, UserRecord> sentAtSequence = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            UserRecord record = sent.get(i);
            UserRecordResult result = results.get(i);
            assertThat(result.getShardId()).as("shard the KPL reports for %s", record.delivered())
                    .isEqualTo(shardOf(record.hashKey(), shards).shardId());
            sentAtSequence.put(result.getSequenceNumber(), record);
        }
        assertThat(sentAtSequence).as("a sequence number of its own for each record").hasSameSizeAs(sent);

        Map<String, List<Record>> read = clients.streams().readAll("kpl-plain");
        List<Delivered> received = new ArrayList<>();
        Map<String, List<BigInteger>> sequencesPerKey = new LinkedHashMap<>();
        read.forEach((shardId, records) -> records.forEach(record -> {
            Delivered delivered = new Delivered(record.partitionKey(), record.data().asByteArray());
            UserRecord put = sentAtSequence.get(record.sequenceNumber());
            assertThat(put).as("the record the KPL was told is at %s", record.sequenceNumber()).isNotNull();
            assertThat(delivered).as("record at %s", record.sequenceNumber()).isEqualTo(put.delivered());
            assertThat(shardId).as("shard of %s", delivered).isEqualTo(shardOf(put.hashKey(), shards).shardId());
            received.add(delivered);
            sequencesPerKey.computeIfAbsent(record.partitionKey(), k -> new ArrayList<>())
                    .add(new BigInteger(record.sequenceNumber()));
        }));
        assertSameRecords(received, sent);
        sequencesPerKey.forEach((key, sequences) -> assertThat(sequences)
                .as("records of %s in the order of their sequence numbers", key).isSorted());
        assertThat(sent).as("explicit hash keys send their records elsewhere than their partition key's MD5")
                .filteredOn(r -> r.explicitHashKey() != null)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(shardOf(r.hashKey(), shards))
                        .isNotEqualTo(shardOf(UserRecords.md5(r.partitionKey()), shards)));
    }
}
