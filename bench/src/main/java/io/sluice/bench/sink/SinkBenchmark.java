package io.sluice.bench.sink;

import io.sluice.bench.support.BenchRecords;
import io.sluice.bench.support.ConnectCluster;
import io.sluice.bench.support.Directories;
import io.sluice.bench.support.KinesisLoad;
import io.sluice.bench.support.SluiceProcess;
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
 * the same PutRecords batch size (500) and as many writer threads as the connector has tasks, in the same run.
 *
 * <p>The sink is timed from its first committed offset to the commit that covers every record (the sink commits
 * only what the stream acknowledged, so that is when every record is in the stream); the worker commits every
 * 250 ms. The direct writer is timed from its first call to its last acknowledgement.
 *
 * <p>Arguments: {@code [records=100000] [tasks=4]}.
 */
public final class SinkBenchmark {

    private static final int SHARDS = 4;
    private static final String CONNECTOR = "io.sluice.connect.sink.KinesisSinkConnector";

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : SHARDS;
        BenchRecords records = BenchRecords.generate(count, 42);
        Path work = Files.createTempDirectory("sluice-bench-sink-");
        String summary;
        try (ConnectCluster kafka = new ConnectCluster("bench-sink");
             SluiceProcess server = new SluiceProcess(work.resolve("data"));
             KinesisLoad direct = new KinesisLoad(server.uri())) {
            BenchRecords warmUp = BenchRecords.generate(Math.max(1_000, count / 10), 7);
            directRps(direct, "warmup-direct", warmUp, tasks);
            sinkRps(kafka, server, "warmup", warmUp, tasks);

            double directRps = directRps(direct, "direct", records, tasks);
            System.out.printf(Locale.ROOT, "direct PutRecords    %d records, %d threads × 500: %.0f records/s%n",
                    count, tasks, directRps);
            double sinkRps = sinkRps(kafka, server, "sink", records, tasks);
            System.out.printf(Locale.ROOT, "sink connector       %d records, %d shards, %d tasks: %.0f records/s%n",
                    count, SHARDS, tasks, sinkRps);
            summary = String.format(Locale.ROOT, "SUMMARY sink_rps=%.0f direct_put_rps=%.0f ratio=%.2f",
                    sinkRps, directRps, sinkRps / directRps);
        } finally {
            Directories.deleteTree(work);
        }
        System.out.println(summary); // last, after the services' shutdown logging
    }

    private static double directRps(KinesisLoad load, String name, BenchRecords records, int threads) throws Exception {
        String stream = "bench-" + name;
        load.createStream(stream, SHARDS);
        return records.size() / load.putAll(stream, records, threads);
    }

    /** Fills a topic, then times the connector copying it into a 4-shard stream. */
    private static double sinkRps(ConnectCluster kafka, SluiceProcess server, String name, BenchRecords records,
                                  int tasks) throws Exception {
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
            // More records per put() let each PutRecords fill up with distinct partition keys (a call carries one
            // entry per key, to keep per-key order) — the sink README's Throughput section.
            config.put("consumer.override.max.poll.records", "2000");
            kafka.deploy(name, config);
            return kafka.transferRate(name, records.size(), () -> committedSum(admin, "connect-" + name));
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
