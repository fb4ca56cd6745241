package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerModeTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(BrokerMode.PROPERTY);
    }

    @Test
    void defaultsToTheEmbeddedBroker() {
        assertThat(BrokerMode.fromSystemProperty()).isEqualTo(BrokerMode.EMBEDDED);
    }

    @Test
    void readsTheModeCaseInsensitively() {
        System.setProperty(BrokerMode.PROPERTY, "Container");
        assertThat(BrokerMode.fromSystemProperty()).isEqualTo(BrokerMode.CONTAINER);
    }

    @Test
    void rejectsAnUnknownModeNamingTheChoices() {
        System.setProperty(BrokerMode.PROPERTY, "docker");
        assertThatThrownBy(BrokerMode::fromSystemProperty)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("System property sluice.test.kafka=docker is not a broker mode; use 'embedded' or 'container'");
    }
}
