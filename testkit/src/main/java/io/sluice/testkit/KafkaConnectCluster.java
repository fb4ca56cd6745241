package io.sluice.testkit;

import java.net.URI;

/**
 * A running Kafka broker with one distributed Connect worker, whatever started them. Implementations start in
 * their constructor's caller ({@link #start()}) and release every thread, port and directory in {@link #close()}.
 */
public interface KafkaConnectCluster extends AutoCloseable {

    /** Starts the broker, then the worker, and returns once the worker's REST API answers. */
    void start();

    /** Bootstrap servers of the broker, for clients the test creates. */
    String bootstrapServers();

    /** Base URL of the Connect worker's REST API, e.g. {@code http://127.0.0.1:41234}. */
    URI connectUrl();

    @Override
    void close();
}
