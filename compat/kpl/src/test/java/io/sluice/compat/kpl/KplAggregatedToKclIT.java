package io.sluice.compat.kpl;

import static io.sluice.compat.kpl.Deliveries.assertEachOnceInStreamOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.compat.emulators.Dynalite;
import io.sluice.compat.kpl.Deliveries.Delivery;
import io.sluice.compat.kpl.KclRecords.Processed;
import io.sluice.compat.kpl.UserRecords.Delivered;
import io.sluice.compat.kpl.UserRecords.UserRecord;
import io.sluice.server.testing.SluiceServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The real KPL with aggregation on writes to a Sluice server over TLS; a KCL 2.x worker (its leases in dynalite on
 * loopback) reads the stream and hands its record processors every user record once, de-aggregated by KCL itself,
 * byte for byte, with the shard and sequence number the KPL reported, each key's records in stream order.
 */
class KplAggregatedToKclIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().tls().build();

    private static KplClients clients;
    private static Dynalite dynalite;

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.start();
        clients = KplClients.open(SLUICE, true);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @Test
    void kclHandsItsProcessorsEveryUserRecordOnceByteForByteInStreamOrderPerKey() throws Exception {
        List<Shard> shards = clients.streams().create("kpl-kcl", 4);
        List<UserRecord> sent = UserRecords.generate(40, 25, shards, 18);
        List<UserRecordResult> results = KplPuts.putAllSuccessfully(clients.producer(), "kpl-kcl", sent);
        Aggregates.assertAggregated(clients.streams().readAll("kpl-kcl").values().stream().flatMap(List::stream).toList(),
                sent.size());

        KclRecords records = new KclRecords();
        KclConsumer kcl = new KclConsumer("kpl-kcl", SLUICE.endpoint(), SLUICE.certificate().trustManagers(),
                dynalite.endpoint(), records);
        try {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(records.processed())
                    .as("user records processed").hasSizeGreaterThanOrEqualTo(sent.size()));
        } finally {
            kcl.close();
        }

        List<Delivery> deliveries = records.processed().stream().map(KplAggregatedToKclIT::delivery).toList();
        assertEachOnceInStreamOrder(deliveries, sent, results, shards);
    }

    private static Delivery delivery(Processed processed) {
        return new Delivery(new Delivered(processed.partitionKey(), processed.data()), processed.shardId(),
                processed.sequenceNumber(), processed.subSequenceNumber());
    }
}
