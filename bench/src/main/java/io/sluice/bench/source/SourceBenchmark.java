package io.sluice.bench.source;

import io.sluice.bench.support.BenchRecords;
import io.sluice.bench.support.ConnectCluster;
import io.sluice.bench.support.ConnectorLatency;
import io.sluice.bench.support.Directories;
import io.sluice.bench.support.KinesisLoad;
import io.sluice.bench.support.Percentiles;
import io.sluice.bench.support.PhaseCpu;
import io.sluice.bench.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bench/run source}: stream → topic throughput of the source connector (1 KiB records, 4 shards, limits
 * off) against a plain {@link KafkaProducer} sending the same records to the same broker in the same run, twice:
 * with the settings the README recommends for throughput and with none; then end-to-end latency (PutRecord →
 * record seen by a Kafka consumer) through a server with Kinesis's limits on, with the connector's default polling.
 *
 * <p>Throughput is timed from the first record the connector delivers to the last, so the worker's task start-up
 * is not counted; the producer is timed from its first send to its last acknowledgement. Each connector run also
 * reports CPU per record, here (the Connect worker and the Kafka broker) and in the server, and the cores both kept
 * busy. Every run is made once unmeasured first: this JVM holds a broker, a worker and the SDK, and its JIT
 * compilers otherwise take a large share of the measured runs.
 *
 * <p>Arguments: {@code [records=300000] [tasks=4] [latencySamples=100]}.
 */
public final class SourceBenchmark {

    private static final int SHARDS = 4;
    private static final String CONNECTOR = "io.sluice.connect.source.KinesisSourceConnector";

    private SourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : SHARDS;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        BenchRecords records = BenchRecords.generate(count, 42);
        Path work = Files.createTempDirectory("sluice-bench-source-");
        String summary;
        try (ConnectCluster kafka = new ConnectCluster("bench-source");
             SluiceProcess unlimited = new SluiceProcess(work.resolve("unlimited"));
             SluiceProcess limited = new SluiceProcess(work.resolve("limited"), true)) {
            BenchRecords warmUp = BenchRecords.generate(count, 7);
            producerRps(kafka, unlimited, "warmup-producer", warmUp);
            sourceRps(kafka, unlimited, "warmup-recommended", warmUp, tasks, RECOMMENDED);
            sourceRps(kafka, unlimited, "warmup-default", warmUp, tasks, Map.of());

            double producerRps = producerRps(kafka, unlimited, "producer", records);
            double sourceRps = sourceRps(kafka, unlimited, "source", records, tasks, RECOMMENDED);
            double defaultRps = sourceRps(kafka, unlimited, "source-default", records, tasks, Map.of());
            double[] latencies = latencies(kafka, limited, samples);
            double p50 = Percentiles.of(latencies, 50);
            double p99 = Percentiles.of(latencies, 99);
            System.out.printf(Locale.ROOT, "latency PutRecord → Kafka consumer (limits on, %d samples): p50 %.1f ms, "
                    + "p99 %.1f ms%n", samples, p50, p99);
            summary = String.format(Locale.ROOT, "SUMMARY source_rps=%.0f default_source_rps=%.0f producer_rps=%.0f "
                            + "ratio=%.2f default_ratio=%.2f latency_p50_ms=%.1f latency_p99_ms=%.1f", sourceRps,
                    defaultRps, producerRps, sourceRps / producerRps, defaultRps / producerRps, p50, p99);
        } finally {
            Directories.deleteTree(work);
        }
        System.out.println(summary); // last, after the services' shutdown logging
    }

    /** A plain producer (acks=all, idempotent: Connect's own producer settings) sending every record. */
    private static double producerRps(ConnectCluster kafka, SluiceProcess server, String topic, BenchRecords records) {
        kafka.topics().create(topic, SHARDS);
        PhaseCpu cpu = new PhaseCpu(server);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>(topic, records.keyBytes(i), records.data().get(i)));
            }
            producer.flush();
            double rps = records.size() / ((System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "KafkaProducer        %d records: %.0f records/s, %s%n", records.size(), rps,
                    cpu.stop(records.size()).describe());
            return rps;
        }
    }

    /**
     * The README's throughput settings (Throughput section): Connect's producer sends one batch at a time per broker
     * (max.in.flight 1) of at most 16 KiB, 16 of these records.
     */
    private static final Map<String, String> RECOMMENDED = Map.of(
            "producer.override.batch.size", "262144",
            "producer.override.linger.ms", "5");

    /** Loads a 4-shard stream, then times the connector, with {@code settings}, copying it into a topic. */
    private static double sourceRps(ConnectCluster kafka, SluiceProcess server, String name, BenchRecords records,
                                    int tasks, Map<String, String> settings) throws Exception {
        String stream = "bench-" + name;
        try (KinesisLoad load = new KinesisLoad(server.uri()); Admin admin = kafka.admin()) {
            load.createStream(stream, SHARDS);
            load.putAll(stream, records, 4);
            kafka.topics().create(stream, SHARDS);
            Map<String, String> config = new HashMap<>(KinesisLoad.connectorProperties(server.uri()));
            config.put("connector.class", CONNECTOR);
            config.put("tasks.max", Integer.toString(tasks));
            config.put("kinesis.stream", stream);
            config.put("kafka.topic", stream);
            config.put("kinesis.position", "TRIM_HORIZON");
            config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.putAll(settings);
            PhaseCpu cpu = new PhaseCpu(server);
            kafka.deploy(name, config);
            double rps = kafka.transferRate(name, records.size(), () -> endOffsetSum(admin, stream));
            PhaseCpu.Result spent = cpu.stop(records.size());
            kafka.delete(name);
            System.out.printf(Locale.ROOT, "source connector     %d records, %d shards, %d tasks, %s: %.0f records/s, "
                            + "%s%n%s%n", records.size(), SHARDS, tasks,
                    settings.isEmpty() ? "default settings" : "recommended settings", rps, spent.describe(),
                    spent.threads());
            return rps;
        }
    }

    /** PutRecord → Kafka consumer, with the connector's default polling (see {@link ConnectorLatency}). */
    private static double[] latencies(ConnectCluster kafka, SluiceProcess server, int samples) throws Exception {
        return ConnectorLatency.measure(kafka, server.uri(), "bench-latency", Map.of(), samples, 250, () -> { });
    }

    private static long endOffsetSum(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < SHARDS; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long sum = 0;
        for (var info : admin.listOffsets(request).all().get().values()) {
            sum += info.offset();
        }
        return sum;
    }
}
