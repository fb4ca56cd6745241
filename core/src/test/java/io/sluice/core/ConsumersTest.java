package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.api.ConsumerDescription;
import io.sluice.core.api.ListConsumersResult;
import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.meta.ConsumerStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumersTest {

    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/s";

    @TempDir
    Path dir;
    EngineFixture fx;
    StreamEngine engine;

    private void open(Duration consumerDelay) {
        fx = new EngineFixture(dir);
        engine = fx.open(fx.config().withDelays(Duration.ZERO, Duration.ZERO, Duration.ZERO, consumerDelay));
        engine.createStream("s", 1, null, null);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void registeredConsumerHasArnAndBecomesActive() {
        open(Duration.ofSeconds(5));
        ConsumerDescription c = engine.registerStreamConsumer(ARN, "app");
        assertThat(c.consumerArn()).isEqualTo(ARN + "/consumer/app:" + EngineFixture.START_MS / 1000);
        assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(c.streamArn()).isEqualTo(ARN);
        fx.clock.advance(Duration.ofSeconds(5));
        assertThat(engine.describeStreamConsumer(null, null, c.consumerArn()).consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(engine.describeStreamConsumer(ARN, "app", null)).isEqualTo(
                new ConsumerDescription("app", c.consumerArn(), ConsumerStatus.ACTIVE, EngineFixture.START_MS, ARN));
    }

    @Test
    void duplicateNameIsInUse() {
        open(Duration.ZERO);
        engine.registerStreamConsumer(ARN, "app");
        assertThatThrownBy(() -> engine.registerStreamConsumer(ARN, "app"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Consumer app under stream s under account 123456789012 already exists.");
    }

    @Test
    void twentyConsumersPerStream() {
        open(Duration.ZERO);
        for (int i = 0; i < 20; i++) {
            engine.registerStreamConsumer(ARN, "c" + i);
        }
        assertThatThrownBy(() -> engine.registerStreamConsumer(ARN, "c20"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Stream s under account 123456789012 has 20 registered consumers, the maximum of 20.");
    }

    @Test
    void fiveConsumersCreatingAtOnce() {
        open(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            engine.registerStreamConsumer(ARN, "c" + i);
        }
        assertThatThrownBy(() -> engine.registerStreamConsumer(ARN, "c5"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Stream s under account 123456789012 has 5 consumers in CREATING status, the maximum of 5; "
                        + "retry once they are ACTIVE.");
        fx.clock.advance(Duration.ofSeconds(1));
        engine.registerStreamConsumer(ARN, "c5");
    }

    @Test
    void listPaginatesAndDeregisterRemoves() {
        open(Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            engine.registerStreamConsumer(ARN, "c" + i);
        }
        ListConsumersResult first = engine.listStreamConsumers(ARN, 2, null);
        assertThat(first.consumers()).extracting(ConsumerDescription::consumerName).containsExactly("c0", "c1");
        ListConsumersResult second = engine.listStreamConsumers(ARN, 2, first.nextToken());
        assertThat(second.consumers()).extracting(ConsumerDescription::consumerName).containsExactly("c2");
        assertThat(second.nextToken()).isNull();
        engine.deregisterStreamConsumer(ARN, "c1", null);
        assertThat(engine.listStreamConsumers(ARN, null, null).consumers())
                .extracting(ConsumerDescription::consumerName).containsExactly("c0", "c2");
        assertThatThrownBy(() -> engine.describeStreamConsumer(ARN, "c1", null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Consumer c1 under stream s under account 123456789012 not found.");
    }

    @Test
    void deregisteredConsumerIsDeletingUntilTheDelayPasses() {
        open(Duration.ofSeconds(2));
        ConsumerDescription c = engine.registerStreamConsumer(ARN, "app");
        fx.clock.advance(Duration.ofSeconds(2));
        engine.deregisterStreamConsumer(null, null, c.consumerArn());
        assertThat(engine.describeStreamConsumer(null, null, c.consumerArn()).consumerStatus()).isEqualTo(ConsumerStatus.DELETING);
        fx.clock.advance(Duration.ofSeconds(2));
        assertThat(engine.listStreamConsumers(ARN, null, null).consumers()).isEmpty();
    }
}
