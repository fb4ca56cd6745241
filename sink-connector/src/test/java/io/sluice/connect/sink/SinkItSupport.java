package io.sluice.connect.sink;

import io.sluice.connect.common.client.KinesisClientFactory;
import io.sluice.connect.common.client.ManagedKinesisClient;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import io.sluice.server.testing.SluiceServerExtension;
import io.sluice.testkit.ConnectRestClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the sink ITs share: connector configs, a Kinesis client, the REST calls and committed offsets. */
final class SinkItSupport {

    static final String CONNECTOR_CLASS = KinesisSinkConnector.class.getName();

    private SinkItSupport() {
    }

    /** Connection settings for the test server (open auth accepts any well-formed signature). */
    static Map<String, String> connection(SluiceServerExtension sluice) {
        Map<String, String> props = new HashMap<>();
        props.put(KinesisConnectionConfig.BASE_URL_CONFIG, sluice.endpoint().toString());
        props.put(KinesisConnectionConfig.REGION_CONFIG, "us-east-1");
        props.put(KinesisConnectionConfig.ACCESS_KEY_ID_CONFIG, "AKIAIOSFODNN7EXAMPLE");
        props.put(KinesisConnectionConfig.SECRET_KEY_CONFIG, "test-secret");
        return props;
    }

    /** A sink connector config for {@code topic} to {@code stream}, then {@code keyValues} on top. */
    static Map<String, String> sinkConfig(SluiceServerExtension sluice, String topic, String stream,
                                          String... keyValues) {
        Map<String, String> props = connection(sluice);
        props.put("connector.class", CONNECTOR_CLASS);
        props.put("tasks.max", "1");
        props.put("topics", topic);
        props.put(KinesisSinkConnectorConfig.STREAM_CONFIG, stream);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    static ManagedKinesisClient kinesis(SluiceServerExtension sluice) {
        return KinesisClientFactory.create(KinesisConnectionConfig.parse(connection(sluice)));
    }

    static void createConnector(ConnectRestClient connect, String name, Map<String, String> config) {
        ConnectRestClient.Response response = connect.put("/connectors/" + name + "/config", config);
        if (!response.isSuccess()) {
            throw new AssertionError("Creating connector " + name + " failed: " + response);
        }
    }

    /** The state of task 0 of {@code name}, or "" before it has one. */
    static String taskState(ConnectRestClient connect, String name) {
        ConnectRestClient.Response status = connect.get("/connectors/" + name + "/status");
        if (status.status() != 200 || status.body().path("tasks").isEmpty()) {
            return "";
        }
        return status.body().path("tasks").get(0).path("state").asText();
    }

    static String taskTrace(ConnectRestClient connect, String name) {
        return connect.get("/connectors/" + name + "/status").body().path("tasks").get(0).path("trace").asText();
    }

    /** The offsets the sink connector {@code name} committed (its consumer group is connect-{@code name}). */
    static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String bootstrapServers, String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listConsumerGroupOffsets("connect-" + name).partitionsToOffsetAndMetadata()
                    .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the offsets of connect-" + name, e);
        }
    }

    /** The sum of committed offsets over all partitions. */
    static long committedTotal(String bootstrapServers, String name) {
        return committedOffsets(bootstrapServers, name).values().stream()
                .mapToLong(o -> o == null ? 0 : o.offset()).sum();
    }
}
