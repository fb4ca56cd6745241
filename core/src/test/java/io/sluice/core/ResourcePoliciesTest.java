package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.error.ResourceNotFoundException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourcePoliciesTest {

    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/s";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    @TempDir
    Path dir;

    @Test
    void policiesOfStreamsAndConsumersArePersistedAndRemoved() {
        EngineFixture fx = new EngineFixture(dir);
        String consumerArn;
        try (StreamEngine engine = fx.open()) {
            engine.createStream("s", 1, null, null);
            consumerArn = engine.registerStreamConsumer(ARN, "app").consumerArn();
            engine.putResourcePolicy(ARN, POLICY);
            engine.putResourcePolicy(consumerArn, POLICY + " ");
        }
        try (StreamEngine engine = fx.open()) {
            assertThat(engine.getResourcePolicy(ARN)).contains(POLICY);
            assertThat(engine.getResourcePolicy(consumerArn)).contains(POLICY + " ");
            engine.deleteResourcePolicy(ARN);
            assertThat(engine.getResourcePolicy(ARN)).isEmpty();
            assertThatThrownBy(() -> engine.deleteResourcePolicy(ARN))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessage("No resource policy found for resource ARN " + ARN + ".");
            engine.deregisterStreamConsumer(null, null, consumerArn);
            assertThatThrownBy(() -> engine.getResourcePolicy(consumerArn))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
