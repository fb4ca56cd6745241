package io.sluice.connect.source;

import static io.sluice.connect.source.TestStreams.expectedPerKey;
import static io.sluice.connect.source.TestStreams.perKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.KafkaConnectExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once delivery on a worker with {@code exactly.once.source.support=enabled}, in its own process so it can
 * be killed with SIGKILL mid-transfer: no task stop, no offset flush, no transaction abort. A consumer reading
 * committed records must see every record exactly once, in order per key.
 */
class ExactlyOnceIT {

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder()
            .workerInChildProcess()
            .workerProperty("exactly.once.source.support", "enabled")
            .build();

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    private static TestStreams streams;
    private static TestConnectors connectors;

    @BeforeAll
    static void clients() {
        streams = new TestStreams(SLUICE.endpoint());
        connectors = new TestConnectors(KAFKA.connect(), KAFKA.topics());
    }

    @AfterAll
    static void closeClients() {
        streams.close();
    }

    /** Small reads, so the transfer takes seconds and the kill lands in the middle of it. */
    private static Map<String, String> slowConfig(String stream) {
        Map<String, String> config = streams.connectorConfig(stream, stream);
        config.put("exactly.once.support", "required");
        config.put("kinesis.record.limit", "10");
        return config;
    }

    @Test
    void killingTheWorkerMidTransferDeliversEveryRecordExactlyOnce() {
        streams.create("killed", 4);
        KAFKA.topics().create("killed", 3);
        streams.putNumbered("killed", 20, 50);
        connectors.create("killed", slowConfig("killed"));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                KAFKA.topics().consume("killed", 100, Duration.ofSeconds(2), true).size() >= 100);

        KAFKA.killWorker();
        int committedAtKill = KAFKA.topics().consume("killed", 1000, Duration.ofSeconds(3), true).size();
        assertThat(committedAtKill).as("the kill came before the transfer ended").isLessThan(1000);
        streams.putNumbered("killed", 20, 25);
        KAFKA.startWorker();
        connectors.awaitState("killed", "RUNNING");

        assertThat(perKey(connectors.readExactly("killed", 1500, true)))
                .as("every record exactly once, in order per key").isEqualTo(expectedPerKey(20, 75));
        connectors.delete("killed");
    }

    @Test
    void killingTheWorkerWhileRecordsArePushedDeliversEveryRecordExactlyOnce() throws Exception {
        streams.create("killed-efo", 4);
        KAFKA.topics().create("killed-efo", 3);
        Map<String, String> config = streams.connectorConfig("killed-efo", "killed-efo");
        config.put("exactly.once.support", "required");
        config.put("kinesis.fanout.mode", "enhanced");
        connectors.create("killed-efo", config);
        // Enhanced fan-out pushes records as they come, so a writer keeps writing through the kill: it lands while
        // a transaction is open, whatever the timing.
        AtomicInteger rounds = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                streams.putNumbered("killed-efo", 20, 1);
                rounds.incrementAndGet();
                sleepQuietly(20);
            }
        });
        writer.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    KAFKA.topics().consume("killed-efo", 200, Duration.ofSeconds(2), true).size() >= 200);
            KAFKA.killWorker();
            KAFKA.startWorker();
            connectors.awaitState("killed-efo", "RUNNING");
            await().atMost(Duration.ofSeconds(60)).until(() -> rounds.get() >= 60);
        } finally {
            writing.set(false);
            writer.join();
        }

        int perKey = rounds.get();
        assertThat(perKey(connectors.readExactly("killed-efo", 20 * perKey, true)))
                .as("every record exactly once, in order per key").isEqualTo(expectedPerKey(20, perKey));
        connectors.delete("killed-efo");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void stopResumeAndRecreateContinueExactlyOnce() {
        streams.create("restarted", 2);
        KAFKA.topics().create("restarted", 2);
        streams.putNumbered("restarted", 4, 25);
        connectors.create("restarted", slowConfig("restarted"));
        connectors.readExactly("restarted", 100, true);

        connectors.stop("restarted");
        streams.putNumbered("restarted", 4, 25);
        connectors.resume("restarted");
        connectors.readExactly("restarted", 200, true);

        // A connector deleted and created again under the same name finds its committed offsets.
        connectors.delete("restarted");
        streams.putNumbered("restarted", 4, 25);
        connectors.create("restarted", slowConfig("restarted"));

        assertThat(perKey(connectors.readExactly("restarted", 300, true))).isEqualTo(expectedPerKey(4, 75));
        connectors.delete("restarted");
    }
}
