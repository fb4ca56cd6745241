package io.sluice.connect.sink;

import io.sluice.connect.sink.config.StreamCapacity;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * Makes sure a destination stream exists before records go to it: checks it once per stream (DescribeStreamSummary)
 * and, with {@code kinesis.stream.auto.create}, creates a missing one and waits until it is active. Without
 * auto-create a missing stream is a {@link ConnectException} that names the stream and the settings to change.
 * Not thread-safe: the task's thread only.
 */
final class StreamProvisioner {

    private static final Logger log = LoggerFactory.getLogger(StreamProvisioner.class);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);

    private final KinesisClient kinesis;
    private final boolean autoCreate;
    private final StreamCapacity capacity;
    private final Set<String> known = new HashSet<>();

    StreamProvisioner(KinesisClient kinesis, boolean autoCreate, StreamCapacity capacity) {
        this.kinesis = kinesis;
        this.autoCreate = autoCreate;
        this.capacity = capacity;
    }

    /**
     * Ensures {@code stream} exists; {@code origin} says where its name came from, for the message.
     *
     * @throws ConnectException when it is missing and may not be created, or Kinesis cannot be asked
     */
    void ensureExists(String stream, String origin) {
        if (known.contains(stream)) {
            return;
        }
        try {
            DescribeStreamSummaryResponse summary = kinesis.describeStreamSummary(r -> r.streamName(stream));
            log.debug("Stream {} exists: {}", stream, summary.streamDescriptionSummary().streamStatusAsString());
        } catch (ResourceNotFoundException e) {
            if (!autoCreate) {
                throw new ConnectException("Stream '" + stream + "' (" + origin + ") does not exist: create it, or set "
                        + KinesisSinkConnectorConfig.AUTO_CREATE_CONFIG + "=true to have the connector create it");
            }
            create(stream);
        } catch (SdkException e) {
            throw new ConnectException("Could not check that stream '" + stream + "' (" + origin + ") exists: "
                    + e.getMessage(), e);
        }
        known.add(stream);
    }

    private void create(String stream) {
        CreateStreamRequest.Builder request = CreateStreamRequest.builder().streamName(stream);
        if (capacity.onDemand()) {
            request.streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND));
        } else {
            request.shardCount(capacity.shardCount());
        }
        try {
            kinesis.createStream(request.build());
            log.info("Created stream {} ({})", stream, capacity);
        } catch (ResourceInUseException e) {
            log.info("Stream {} was created meanwhile, by another task or user", stream);
        } catch (SdkException e) {
            throw new ConnectException("Could not create stream '" + stream + "' (" + capacity + ", as "
                    + KinesisSinkConnectorConfig.AUTO_CREATE_SHARDS_CONFIG + " says): " + e.getMessage(), e);
        }
        WaiterResponse<?> waited = kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream),
                // The waiter's default polls every 10 s; a new stream is usually active far sooner.
                w -> w.waitTimeout(ACTIVE_TIMEOUT).maxAttempts(Integer.MAX_VALUE)
                        .backoffStrategyV2(BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(100),
                                Duration.ofSeconds(5))));
        if (waited.matched().exception().isPresent()) {
            throw new ConnectException("Stream '" + stream + "' did not become active within " + ACTIVE_TIMEOUT,
                    waited.matched().exception().get());
        }
    }
}
