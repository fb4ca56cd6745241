package io.sluice.connect.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

/**
 * The stream consumer a task's enhanced fan-out reads as, per stream: registered when missing, reused when it exists
 * (another task, or an earlier run, registered it), known once ACTIVE. Never waits: while the consumer is CREATING
 * (seconds on Amazon Kinesis) {@link #activeArn} is empty and the shard tries again later. Never deregisters.
 *
 * <p>Not thread-safe: owned by the task's polling thread.
 */
final class StreamConsumers {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumers.class);

    private final KinesisClient kinesis;
    private final String consumerName;
    private final Map<String, String> activeArns = new HashMap<>();

    StreamConsumers(KinesisClient kinesis, String consumerName) {
        this.kinesis = kinesis;
        this.consumerName = consumerName;
    }

    /** The consumer's ARN on {@code stream} once it is ACTIVE, registering it first if it does not exist. */
    Optional<String> activeArn(String stream) {
        String known = activeArns.get(stream);
        if (known != null) {
            return Optional.of(known);
        }
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamARN();
        ConsumerDescription consumer;
        try {
            var registered = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(consumerName))
                    .consumer();
            log.info("Registered stream consumer {} on stream {} for enhanced fan-out: {}", consumerName, stream,
                    registered.consumerARN());
            consumer = kinesis.describeStreamConsumer(r -> r.consumerARN(registered.consumerARN()))
                    .consumerDescription();
        } catch (ResourceInUseException exists) {
            consumer = kinesis.describeStreamConsumer(r -> r.streamARN(streamArn).consumerName(consumerName))
                    .consumerDescription();
        }
        if (consumer.consumerStatus() != ConsumerStatus.ACTIVE) {
            log.info("Stream consumer {} on stream {} is {}; waiting for it to be ACTIVE", consumerName, stream,
                    consumer.consumerStatusAsString());
            return Optional.empty();
        }
        activeArns.put(stream, consumer.consumerARN());
        return Optional.of(consumer.consumerARN());
    }

    /** Forgets the consumer of {@code stream} (it was deregistered by someone): the next call registers it again. */
    void forget(String stream) {
        activeArns.remove(stream);
    }
}
