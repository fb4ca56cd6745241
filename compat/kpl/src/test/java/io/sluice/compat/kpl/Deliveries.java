package io.sluice.compat.kpl;

import static io.sluice.compat.kpl.UserRecords.assertSameRecords;
import static io.sluice.compat.kpl.UserRecords.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.compat.kpl.UserRecords.Delivered;
import io.sluice.compat.kpl.UserRecords.UserRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.producer.UserRecordResult;

/** Checks what a consumer of KPL aggregates delivered against what the KPL was given and what it reported. */
final class Deliveries {

    /** One user record as a consumer delivered it, with where it says the record sits in the stream. */
    record Delivery(Delivered record, String shardId, BigInteger sequenceNumber, long subSequenceNumber)
            implements Comparable<Delivery> {

        /** Stream order: by sequence number, then by the user record's index in its aggregate. */
        @Override
        public int compareTo(Delivery other) {
            int bySequence = sequenceNumber.compareTo(other.sequenceNumber);
            return bySequence != 0 ? bySequence : Long.compare(subSequenceNumber, other.subSequenceNumber);
        }
    }

    private Deliveries() {
    }

    /**
     * Asserts that {@code deliveries} (in the order the consumer delivered them) hold every record of {@code sent}
     * once, byte for byte, each on the shard its hash key names and the KPL reported, at the sequence number the
     * KPL reported, and each key's records in stream order.
     */
    static void assertEachOnceInStreamOrder(List<Delivery> deliveries, List<UserRecord> sent,
                                            List<UserRecordResult> results, List<Shard> shards) {
        assertSameRecords(deliveries.stream().map(Delivery::record).toList(), sent);
        Map<Delivered, String> expectedShard = new HashMap<>();
        Map<Delivered, UserRecordResult> resultOf = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            expectedShard.put(sent.get(i).delivered(), shardOf(sent.get(i).hashKey(), shards).shardId());
            resultOf.put(sent.get(i).delivered(), results.get(i));
        }
        Map<String, List<Delivery>> perKey = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            UserRecordResult result = resultOf.get(delivery.record());
            assertThat(delivery.shardId()).as("shard of %s", delivery.record())
                    .isEqualTo(expectedShard.get(delivery.record()))
                    .isEqualTo(result.getShardId());
            assertThat(delivery.sequenceNumber()).as("sequence number of %s", delivery.record())
                    .isEqualTo(new BigInteger(result.getSequenceNumber()));
            perKey.computeIfAbsent(delivery.record().partitionKey(), k -> new ArrayList<>()).add(delivery);
        }
        perKey.forEach((key, keyDeliveries) -> assertThat(keyDeliveries)
                .as("records of %s in stream order (sequence, then sub-sequence number)", key).isSorted());
    }
}
