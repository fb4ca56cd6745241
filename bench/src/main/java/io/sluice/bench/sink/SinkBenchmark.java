package io.sluice.bench.sink;

import io.sluice.bench.support.BenchRecords;
import io.sluice.bench.support.ConnectCluster;
import io.sluice.bench.support.Directories;
import io.sluice.bench.support.KinesisLoad;
import io.sluice.bench.support.SluiceProcess;
import io.sluice.bench.support.PhaseCpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code bench/run sink}: topic → stream throughput of the sink connector (1 KiB records, 4 shards, limits off)
 * against the server's own ingest rate for the same records with the same SDK client (connect-common's factory),
 * PutRecords of 500 and as many writer threads as the connector has tasks, in the same run, in three cases:
 * 1 000 partition keys with default settings, 16 keys with default settings (a call carries one entry per key, so
 * few keys mean small calls), and 16 keys with KPL aggregation on (a key's run packed into one entry).
 *
 * <p>The sink is timed from its first committed offset to the commit that covers every record (the sink commits
 * only what the stream acknowledged, so that is when every record is in the stream); the worker commits every
 * 250 ms. The direct writer is timed from its first call to its last acknowledgement. Each phase also reports CPU
 * per record: this JVM's (the Connect worker and the Kafka broker in the sink's phase, the SDK client in the
 * direct writer's) and the server's. Where both sides keep every core busy, the ratio stays near the direct
 * writer's CPU per record over the sink's (printed as the CPU-bound ceiling): the sink also runs the Kafka side.
 *
 * <p>Arguments: {@code [records=300000] [tasks=4] [case...]} — cases by name ({@code 1000_keys 16_keys
 * 16_keys_aggregated}), all unless named (to profile one).
 */
public final class SinkBenchmark {

    private static final int SHARDS = 4;
    private static final String CONNECTOR = "io.sluice.connect.sink.KinesisSinkConnector";

    private record Case(String name, int keys, boolean aggregated) {
    }

    private static final List<Case> CASES = List.of(
            new Case("1000_keys", 1000, false),
            new Case("16_keys", 16, false),
            new Case("16_keys_aggregated", 16, true));

    /** A phase's rate and what it cost. */
    private record Figures(double rps, PhaseCpu.Result cpu) {

        String describe() {
            return String.format(Locale.ROOT, "%.0f records/s, %s", rps, cpu.describe());
        }

        String threads() {
            return cpu.threads();
        }
    }

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : SHARDS;
        List<String> named = List.of(args).subList(Math.min(2, args.length), args.length);
        List<Case> cases = CASES.stream().filter(c -> named.isEmpty() || named.contains(c.name())).toList();
        Path work = Files.createTempDirectory("sluice-bench-sink-");
        StringBuilder summary = new StringBuilder("SUMMARY");
        try (ConnectCluster kafka = new ConnectCluster("bench-sink");
             SluiceProcess server = new SluiceProcess(work.resolve("data"));
             KinesisLoad direct = new KinesisLoad(server.uri())) {
            // Every case in full once before the measured runs: a connector runs for days, its start-up is not what
            // is compared. This JVM holds a Kafka broker, a Connect worker and the SDK; with shorter warm-ups its JIT
            // compilers still took more CPU than the sink in the measured runs (ratio 0.46 at 100 000 records after
            // 50 000, 0.65 at 400 000 after 200 000).
            for (Case c : cases) {
                run(kafka, server, direct, c, "warmup-", BenchRecords.generate(count, 7, c.keys()), tasks);
            }
            Map<String, Double> ratios = new HashMap<>();
            double firstDirectRps = 0;
            double firstSinkRps = 0;
            for (Case c : cases) {
                Figures[] figures = run(kafka, server, direct, c, "", BenchRecords.generate(count, 42, c.keys()),
                        tasks);
                Figures directFigures = figures[0];
                Figures sinkFigures = figures[1];
                System.out.printf(Locale.ROOT, "%-19s direct PutRecords, %d threads × 500: %s%n%s%n",
                        c.name(), tasks, directFigures.describe(), directFigures.threads());
                System.out.printf(Locale.ROOT, "%-19s sink connector, %d tasks%s: %s — ratio %.2f, CPU-bound ceiling "
                                + "%.2f%n%s%n", c.name(), tasks, c.aggregated() ? ", aggregated" : "",
                        sinkFigures.describe(), sinkFigures.rps() / directFigures.rps(),
                        directFigures.cpu().total() / sinkFigures.cpu().total(), sinkFigures.threads());
                ratios.put(c.name(), sinkFigures.rps() / directFigures.rps());
                if (firstDirectRps == 0) {
                    firstDirectRps = directFigures.rps();
                    firstSinkRps = sinkFigures.rps();
                }
            }
            for (Case c : cases) {
                summary.append(String.format(Locale.ROOT, " ratio_%s=%.2f", c.name(), ratios.get(c.name())));
            }
            summary.append(String.format(Locale.ROOT, " sink_rps_1000_keys=%.0f direct_put_rps=%.0f",
                    firstSinkRps, firstDirectRps));
        } finally {
            Directories.deleteTree(work);
        }
        System.out.println(summary); // last, after the services' shutdown logging
    }

    /** One case: the direct writer's figures, then the sink's, for the same records. */
    private static Figures[] run(ConnectCluster kafka, SluiceProcess server, KinesisLoad direct, Case c, String prefix,
                                 BenchRecords records, int tasks) throws Exception {
        String name = prefix + c.name().replace('_', '-');
        return new Figures[] {
                direct(direct, server, "direct-" + name, records, tasks),
                sink(kafka, server, "sink-" + name, records, tasks, c.aggregated())};
    }

    private static Figures direct(KinesisLoad load, SluiceProcess server, String name, BenchRecords records,
                                  int threads) throws Exception {
        String stream = "bench-" + name;
        load.createStream(stream, SHARDS);
        PhaseCpu cpu = new PhaseCpu(server);
        double seconds = load.putAll(stream, records, threads);
        return new Figures(records.size() / seconds, cpu.stop(records.size()));
    }

    /** Fills a topic, then times the connector copying it into a 4-shard stream. */
    private static Figures sink(ConnectCluster kafka, SluiceProcess server, String name, BenchRecords records,
                                int tasks, boolean aggregated) throws Exception {
        String topic = "bench-" + name;
        kafka.topics().create(topic, SHARDS);
        List<ProducerRecord<byte[], byte[]>> sends = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            sends.add(new ProducerRecord<>(topic, records.keyBytes(i), records.data().get(i)));
        }
        kafka.topics().produce(sends);
        try (KinesisLoad load = new KinesisLoad(server.uri()); Admin admin = kafka.admin()) {
            load.createStream(topic, SHARDS);
            Map<String, String> config = new HashMap<>(KinesisLoad.connectorProperties(server.uri()));
            config.put("connector.class", CONNECTOR);
            config.put("tasks.max", Integer.toString(tasks));
            config.put("topics", topic);
            config.put("kinesis.stream", topic);
            config.put("kinesis.aggregation.enabled", Boolean.toString(aggregated));
            PhaseCpu cpu = new PhaseCpu(server);
            kafka.deploy(name, config);
            double rps = kafka.transferRate(name, records.size(), () -> committedSum(admin, "connect-" + name));
            Figures figures = new Figures(rps, cpu.stop(records.size()));
            kafka.delete(name);
            return figures;
        }
    }

    private static long committedSum(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (OffsetAndMetadata offset : offsets.values()) {
            if (offset != null) {
                sum += offset.offset();
            }
        }
        return sum;
    }
}
