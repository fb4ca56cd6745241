package io.sluice.bench.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.core.SdkBytes;

/**
 * PutRecord → record seen by a Kafka consumer, through the source connector: one record at a time, each after a
 * random pause (so puts fall anywhere in a polling cycle), into a 1-shard stream and a 1-partition topic made for
 * the run. The connector runs with one task and the settings given on top of the defaults.
 */
public final class ConnectorLatency {

    private static final String CONNECTOR = "io.sluice.connect.source.KinesisSourceConnector";
    private static final int WARM_UP = 10;

    private ConnectorLatency() {
    }

    /** Latencies in milliseconds of {@code samples} records, after a warm-up; the connector is deleted after. */
    public static double[] measure(ConnectCluster kafka, URI server, String stream, Map<String, String> settings,
                                   int samples, int maxPauseMs, Runnable beforeMeasuring) throws Exception {
        try (KinesisLoad load = new KinesisLoad(server);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                     ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10))) {
            load.createStream(stream, 1);
            kafka.topics().create(stream, 1);
            Map<String, String> config = new HashMap<>(KinesisLoad.connectorProperties(server));
            config.put("connector.class", CONNECTOR);
            config.put("tasks.max", "1");
            config.put("kinesis.stream", stream);
            config.put("kafka.topic", stream);
            config.put("kinesis.position", "TRIM_HORIZON");
            config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.putAll(settings);
            kafka.deploy(stream, config);
            TopicPartition partition = new TopicPartition(stream, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            SplittableRandom random = new SplittableRandom(1);
            double[] millis = new double[samples];
            for (int i = -WARM_UP; i < samples; i++) {
                if (i == 0) {
                    beforeMeasuring.run();
                }
                Thread.sleep(random.nextInt(maxPauseMs));
                String marker = stream + "-" + i;
                long start = System.nanoTime();
                load.client().putRecord(r -> r.streamName(stream).partitionKey("latency")
                        .data(SdkBytes.fromUtf8String(marker)));
                awaitMarker(consumer, marker);
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            kafka.rest().delete("/connectors/" + stream);
            return millis;
        }
    }

    private static void awaitMarker(KafkaConsumer<byte[], byte[]> consumer, String marker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                if (new String(record.value(), StandardCharsets.UTF_8).equals(marker)) {
                    return;
                }
            }
        }
        throw new IllegalStateException(marker + " did not reach the topic within 30 s");
    }
}
