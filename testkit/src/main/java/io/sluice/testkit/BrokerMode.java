package io.sluice.testkit;

import java.util.Locale;

/**
 * Which Kafka the test kit starts. Chosen with the system property {@value #PROPERTY}; the embedded broker is
 * the default and the one CI runs, the container broker needs a Docker engine.
 */
public enum BrokerMode {
    /** Kafka's in-JVM KRaft broker and distributed Connect worker from its test jars. */
    EMBEDDED,
    /** A Testcontainers {@code apache/kafka} broker with an in-JVM distributed Connect worker. */
    CONTAINER;

    public static final String PROPERTY = "sluice.test.kafka";

    public static BrokerMode fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "");
        if (value.isBlank()) {
            return EMBEDDED;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "System property " + PROPERTY + "=" + value + " is not a broker mode; use 'embedded' or 'container'", e);
        }
    }
}
