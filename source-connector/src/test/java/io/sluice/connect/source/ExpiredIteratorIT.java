package io.sluice.connect.source;

import static io.sluice.connect.source.TestStreams.expectedPerKey;
import static io.sluice.connect.source.TestStreams.perKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.TestClock;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.KafkaConnectExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shard iterator outlives its 5 minutes while the connector holds it: the server's clock jumps six minutes, so
 * the task's next GetRecords meets ExpiredIteratorException. The task must renew the iterator after the last
 * record it read — not fail, not skip, not repeat.
 */
class ExpiredIteratorIT {

    private static final TestClock CLOCK = TestClock.ticking();

    @RegisterExtension
    static final KafkaConnectExtension KAFKA = KafkaConnectExtension.builder().build();
    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().clock(CLOCK).build();

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

    @Test
    void anExpiredIteratorIsRenewedAfterTheLastRecordRead() {
        streams.create("expiring", 1);
        KAFKA.topics().create("expiring", 1);
        streams.putNumbered("expiring", 3, 10);
        connectors.create("expiring", streams.connectorConfig("expiring", "expiring"));
        assertThat(connectors.readExactly("expiring", 30, false)).hasSize(30);

        CLOCK.advance(Duration.ofMinutes(6));
        streams.putNumbered("expiring", 3, 10);

        assertThat(perKey(connectors.readExactly("expiring", 60, false)))
                .as("every record once, in order per key, across the renewal").isEqualTo(expectedPerKey(3, 20));
        connectors.awaitState("expiring", "RUNNING");
    }
}
