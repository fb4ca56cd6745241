package io.sluice.bench.kafkastorage;

import io.sluice.bench.server.LoadGenerator;
import io.sluice.bench.support.Directories;
import io.sluice.bench.support.Percentiles;
import io.sluice.bench.support.PhaseCpu;
import io.sluice.bench.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * {@code bench/run kafka-storage [rounds=3] [batches=25]}: put and get throughput through the Kinesis API with the
 * server on Kafka storage, against a plain Kafka producer and consumer moving the same records through the same
 * broker, in the same run. The load is {@link LoadGenerator}'s (8 threads of PutRecords of 500 × 1 KiB, JSON, a
 * GetRecords drain of 4 shards); {@code batches} per thread make a round (25: 100 000 records). The broker and the
 * clients run in this JVM, the Sluice server in its own process; every figure is the median of the measured rounds,
 * after one unmeasured round of everything.
 */
public final class KafkaStorageBenchmark {

    private record Round(double putRps, double getRps, double produceRps, double consumeRps,
                         PhaseCpu.Result put, PhaseCpu.Result get, PhaseCpu.Result produce, PhaseCpu.Result consume) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        long records = (long) LoadGenerator.THREADS * batches * LoadGenerator.BATCH;
        Path work = Files.createTempDirectory("sluice-bench-kafka-storage-");
        Properties brokerProps = new Properties();
        brokerProps.put("offsets.topic.replication.factor", "1");
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, brokerProps);
        kafka.start();
        List<Round> measured = new ArrayList<>();
        try (SluiceProcess sluice = new SluiceProcess(work.resolve("data"), false, List.of("--storage", "kafka",
                "--kafka-bootstrap", kafka.bootstrapServers(), "--kafka-replication-factor", "1"));
             LoadGenerator kinesis = new LoadGenerator(sluice.uri(), false)) {
            PlainKafkaLoad plain = new PlainKafkaLoad(kafka.bootstrapServers());
            System.out.printf(Locale.ROOT, "%d records of %d bytes per round, %d threads, %d shards/partitions, "
                    + "one broker; %d measured rounds after one unmeasured%n", records, LoadGenerator.RECORD_BYTES,
                    LoadGenerator.THREADS, LoadGenerator.SHARDS, rounds);
            for (int r = -1; r < rounds; r++) {
                Round round = round("r" + (r + 1), kinesis, plain, sluice, batches, records);
                if (r >= 0) {
                    measured.add(round);
                    print("round " + (r + 1), round);
                }
            }
        } finally {
            kafka.stop();
            Directories.deleteTree(work);
        }
        double putRps = median(measured, Round::putRps);
        double getRps = median(measured, Round::getRps);
        double produceRps = median(measured, Round::produceRps);
        double consumeRps = median(measured, Round::consumeRps);
        Round middle = measured.get(measured.size() / 2);
        System.out.printf(Locale.ROOT, "CPU per record (middle round), here = load generator + broker:%n"
                        + "  put     %s%n%s%n  produce %s%n  get     %s%n%s%n  consume %s%n",
                middle.put().describe(), middle.put().threads(), middle.produce().describe(),
                middle.get().describe(), middle.get().threads(), middle.consume().describe());
        System.out.printf(Locale.ROOT, "SUMMARY put_rps=%.0f get_rps=%.0f kafka_produce_rps=%.0f kafka_consume_rps=%.0f "
                        + "put_ratio=%.2f get_ratio=%.2f put_cpu_us=%.1f produce_cpu_us=%.1f get_cpu_us=%.1f "
                        + "consume_cpu_us=%.1f%n",
                putRps, getRps, produceRps, consumeRps, putRps / produceRps, getRps / consumeRps,
                middle.put().total(), middle.produce().total(), middle.get().total(), middle.consume().total());
    }

    private static Round round(String name, LoadGenerator kinesis, PlainKafkaLoad plain, SluiceProcess sluice,
                               int batches, long records) throws Exception {
        String stream = "bench-" + name;
        kinesis.createAndWait(stream, LoadGenerator.SHARDS);
        PhaseCpu cpu = new PhaseCpu(sluice);
        double putSeconds = kinesis.put(stream, batches);
        PhaseCpu.Result put = cpu.stop(records);
        cpu = new PhaseCpu(sluice);
        double getSeconds = kinesis.drain(stream, records);
        PhaseCpu.Result get = cpu.stop(records);

        String topic = "plain-" + name;
        plain.createTopic(topic);
        cpu = new PhaseCpu(sluice);
        double produceSeconds = plain.produce(topic, batches);
        PhaseCpu.Result produce = cpu.stop(records);
        cpu = new PhaseCpu(sluice);
        double consumeSeconds = plain.consume(topic, records);
        PhaseCpu.Result consume = cpu.stop(records);
        return new Round(records / putSeconds, records / getSeconds, records / produceSeconds, records / consumeSeconds,
                put, get, produce, consume);
    }

    private static void print(String label, Round r) {
        System.out.printf(Locale.ROOT, "%-8s put %.0f rec/s (kafka produce %.0f, ratio %.2f)  get %.0f rec/s (kafka "
                        + "consume %.0f, ratio %.2f)  cores busy: put %.1f get %.1f produce %.1f consume %.1f%n",
                label, r.putRps(), r.produceRps(), r.putRps() / r.produceRps(), r.getRps(), r.consumeRps(),
                r.getRps() / r.consumeRps(), r.put().coresBusy(), r.get().coresBusy(), r.produce().coresBusy(),
                r.consume().coresBusy());
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return Percentiles.of(rounds.stream().mapToDouble(figure).toArray(), 50);
    }
}
