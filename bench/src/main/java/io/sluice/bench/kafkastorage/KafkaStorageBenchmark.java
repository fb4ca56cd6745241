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
 * {@code bench/run kafka-storage [rounds=3] [batches=50]}: put and get throughput through the Kinesis API with the
 * server on Kafka storage, against a plain Kafka producer and consumer moving the same records through the same
 * broker, in the same run. The load is {@link LoadGenerator}'s (8 threads of PutRecords of 500 × 1 KiB, a GetRecords
 * drain of 4 shards), once with the AWS SDK for Java's default CBOR (the headline figures) and once with JSON (what
 * boto, the CLI and the JavaScript SDK send); {@code batches} per thread make a round (50: 200 000 records). The
 * broker and the clients run in this JVM, the Sluice server in its own process; every figure is the median of the
 * measured rounds, after unmeasured rounds of everything for at least a minute: the server's JIT compiler went on
 * compiling for about 40 s of load, and took a quarter of the put phase's CPU when measured sooner.
 */
public final class KafkaStorageBenchmark {

    /** One client's put and drain through the Kinesis API. */
    private record Kinesis(double putRps, double getRps, PhaseCpu.Result put, PhaseCpu.Result get) {
    }

    private record Round(Kinesis cbor, Kinesis json, double produceRps, double consumeRps, PhaseCpu.Result produce,
                         PhaseCpu.Result consume) {
    }

    private static final long WARM_UP_NANOS = 60_000_000_000L;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 50;
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
             LoadGenerator cbor = new LoadGenerator(sluice.uri(), true);
             LoadGenerator json = new LoadGenerator(sluice.uri(), false)) {
            PlainKafkaLoad plain = new PlainKafkaLoad(kafka.bootstrapServers());
            System.out.printf(Locale.ROOT, "%d records of %d bytes per round, %d threads, %d shards/partitions, "
                    + "one broker; %d measured rounds after a minute of unmeasured ones%n", records,
                    LoadGenerator.RECORD_BYTES, LoadGenerator.THREADS, LoadGenerator.SHARDS, rounds);
            long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
            int warmUps = 0;
            while (System.nanoTime() < warmUpEnd) {
                round("w" + warmUps++, cbor, json, plain, sluice, batches, records);
            }
            System.out.println(warmUps + " unmeasured rounds");
            for (int r = 0; r < rounds; r++) {
                Round round = round("r" + r, cbor, json, plain, sluice, batches, records);
                measured.add(round);
                print("round " + (r + 1), round);
            }
        } finally {
            kafka.stop();
            Directories.deleteTree(work);
        }
        double putRps = median(measured, r -> r.cbor().putRps());
        double getRps = median(measured, r -> r.cbor().getRps());
        double jsonPutRps = median(measured, r -> r.json().putRps());
        double jsonGetRps = median(measured, r -> r.json().getRps());
        double produceRps = median(measured, Round::produceRps);
        double consumeRps = median(measured, Round::consumeRps);
        Round middle = measured.get(measured.size() / 2);
        System.out.printf(Locale.ROOT, "CPU per record (middle round), here = load generator + broker:%n"
                        + "  put CBOR  %s%n%s%n  put JSON  %s%n  produce   %s%n"
                        + "  get CBOR  %s%n%s%n  get JSON  %s%n  consume   %s%n",
                middle.cbor().put().describe(), middle.cbor().put().threads(), middle.json().put().describe(),
                middle.produce().describe(), middle.cbor().get().describe(), middle.cbor().get().threads(),
                middle.json().get().describe(), middle.consume().describe());
        System.out.printf(Locale.ROOT, "SUMMARY put_rps=%.0f get_rps=%.0f kafka_produce_rps=%.0f kafka_consume_rps=%.0f "
                        + "put_ratio=%.2f get_ratio=%.2f json_put_rps=%.0f json_get_rps=%.0f json_put_ratio=%.2f "
                        + "json_get_ratio=%.2f put_cpu_us=%.1f produce_cpu_us=%.1f get_cpu_us=%.1f consume_cpu_us=%.1f%n",
                putRps, getRps, produceRps, consumeRps, putRps / produceRps, getRps / consumeRps,
                jsonPutRps, jsonGetRps, jsonPutRps / produceRps, jsonGetRps / consumeRps,
                middle.cbor().put().total(), middle.produce().total(), middle.cbor().get().total(),
                middle.consume().total());
    }

    private static Round round(String name, LoadGenerator cbor, LoadGenerator json, PlainKafkaLoad plain,
                               SluiceProcess sluice, int batches, long records) throws Exception {
        Kinesis viaCbor = kinesis("cbor-" + name, cbor, sluice, batches, records);
        Kinesis viaJson = kinesis("json-" + name, json, sluice, batches, records);
        String topic = "plain-" + name;
        plain.createTopic(topic);
        PhaseCpu cpu = new PhaseCpu(sluice);
        double produceSeconds = plain.produce(topic, batches);
        PhaseCpu.Result produce = cpu.stop(records);
        cpu = new PhaseCpu(sluice);
        double consumeSeconds = plain.consume(topic, records);
        PhaseCpu.Result consume = cpu.stop(records);
        return new Round(viaCbor, viaJson, records / produceSeconds, records / consumeSeconds, produce, consume);
    }

    private static Kinesis kinesis(String stream, LoadGenerator client, SluiceProcess sluice, int batches,
                                   long records) throws Exception {
        client.createAndWait(stream, LoadGenerator.SHARDS);
        PhaseCpu cpu = new PhaseCpu(sluice);
        double putSeconds = client.put(stream, batches);
        PhaseCpu.Result put = cpu.stop(records);
        cpu = new PhaseCpu(sluice);
        double getSeconds = client.drain(stream, records);
        PhaseCpu.Result get = cpu.stop(records);
        return new Kinesis(records / putSeconds, records / getSeconds, put, get);
    }

    private static void print(String label, Round r) {
        System.out.printf(Locale.ROOT, "%-8s put CBOR %.0f JSON %.0f rec/s (kafka produce %.0f)  get CBOR %.0f JSON %.0f "
                        + "rec/s (kafka consume %.0f)  cores busy: put %.1f get %.1f produce %.1f consume %.1f%n",
                label, r.cbor().putRps(), r.json().putRps(), r.produceRps(), r.cbor().getRps(), r.json().getRps(),
                r.consumeRps(), r.cbor().put().coresBusy(), r.cbor().get().coresBusy(), r.produce().coresBusy(),
                r.consume().coresBusy());
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return Percentiles.of(rounds.stream().mapToDouble(figure).toArray(), 50);
    }
}
