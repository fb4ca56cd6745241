package io.sluice.bench.pump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.pump.PumpConfig;
import io.sluice.pump.PumpTransform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The seed's pump (section 3 of the seed notes, verbatim) on 1 M records, as a Connect transform, against a
 * hand-written Java filter-and-project doing the same work on the same inputs: (a) Struct values, (b) JSON bytes
 * (the baseline parses with Jackson). Both build the same output Struct (VARCHAR(n) truncation and INTEGER range
 * checks included) and the same new SourceRecord. Throughput is records per second.
 *
 * <p>Run: {@code bench/run pump}. Last line: {@code SUMMARY struct_rps=.. handwritten_struct_rps=..
 * struct_ratio=.. json_rps=.. handwritten_json_rps=.. json_ratio=..}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class PumpBenchmark {

    static final int RECORDS = 1_000_000;

    /** The seed's SQL, verbatim. */
    static final String SEED_SQL = """
            CREATE OR REPLACE STREAM "AndersonStream" (name VARCHAR(50), age INTEGER, gender VARCHAR(4), score  INTEGER, job VARCHAR(50));

            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "AndersonStream"
            SELECT STREAM "name", "age", "gender", "score", "job"
            FROM "SOURCE_SQL_STREAM_001"
            WHERE "gender" SIMILAR TO 'M';
            """;

    static final Schema INPUT = SchemaBuilder.struct().name("person")
            .field("name", Schema.STRING_SCHEMA)
            .field("age", Schema.INT32_SCHEMA)
            .field("gender", Schema.STRING_SCHEMA)
            .field("score", Schema.INT32_SCHEMA)
            .field("job", Schema.STRING_SCHEMA)
            .field("i", Schema.INT32_SCHEMA)
            .build();

    /** What the hand-written code emits: the destination stream's columns, as the pump types them. */
    static final Schema OUTPUT = SchemaBuilder.struct().name("AndersonStream").optional()
            .field("NAME", Schema.OPTIONAL_STRING_SCHEMA)
            .field("AGE", Schema.OPTIONAL_INT32_SCHEMA)
            .field("GENDER", Schema.OPTIONAL_STRING_SCHEMA)
            .field("SCORE", Schema.OPTIONAL_INT32_SCHEMA)
            .field("JOB", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
        "Linda", "David", "Elizabeth", "William", "Barbara"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
        "Davis", "Rodriguez", "Martinez"};
    private static final String[] JOBS = {"Engineer, civil", "Teacher, secondary school", "Accountant, chartered",
        "Programmer, multimedia", "Surveyor, mining", "Nurse, adult", "Editor, film/video", "Chief Executive Officer"};

    /** The seed producer's record: name, age 10–20, gender M/F, score 40..65 step 5, job, i. */
    static Map<String, Object> person(Random r, int i) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)]);
        m.put("age", 10 + r.nextInt(11));
        m.put("gender", r.nextBoolean() ? "M" : "F");
        m.put("score", 40 + 5 * r.nextInt(6));
        m.put("job", JOBS[r.nextInt(JOBS.length)]);
        m.put("i", i);
        return m;
    }

    static PumpTransform<SourceRecord> seedPump() {
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        t.configure(Map.of(PumpConfig.SQL_CONFIG, SEED_SQL));
        return t;
    }

    static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(null, null, "anderson", 0, null, null, schema, value, 1_700_000_000_000L);
    }

    /** 1 M Struct-valued records. */
    @State(Scope.Benchmark)
    public static class StructInput {
        public SourceRecord[] records;
        public PumpTransform<SourceRecord> pump;

        @Setup
        public void setUp() {
            Random r = new Random(42);
            records = new SourceRecord[RECORDS];
            for (int i = 0; i < RECORDS; i++) {
                Struct s = new Struct(INPUT);
                person(r, i).forEach(s::put);
                records[i] = record(INPUT, s);
            }
            pump = seedPump();
        }
    }

    /** The same 1 M records as JSON bytes. */
    @State(Scope.Benchmark)
    public static class JsonInput {
        public SourceRecord[] records;
        public PumpTransform<SourceRecord> pump;
        final ObjectMapper mapper = new ObjectMapper();

        @Setup
        public void setUp() {
            Random r = new Random(42);
            records = new SourceRecord[RECORDS];
            try {
                for (int i = 0; i < RECORDS; i++) {
                    records[i] = record(Schema.BYTES_SCHEMA, mapper.writeValueAsBytes(person(r, i)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pump = seedPump();
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void pumpStruct(StructInput in, Blackhole bh) {
        PumpTransform<SourceRecord> pump = in.pump;
        for (SourceRecord r : in.records) {
            bh.consume(pump.apply(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void handwrittenStruct(StructInput in, Blackhole bh) {
        for (SourceRecord r : in.records) {
            bh.consume(handwritten(r, (Struct) r.value()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void pumpJson(JsonInput in, Blackhole bh) {
        PumpTransform<SourceRecord> pump = in.pump;
        for (SourceRecord r : in.records) {
            bh.consume(pump.apply(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void handwrittenJson(JsonInput in, Blackhole bh) throws IOException {
        ObjectMapper mapper = in.mapper;
        for (SourceRecord r : in.records) {
            JsonNode node = mapper.readTree((byte[]) r.value());
            bh.consume(handwritten(r, node));
        }
    }

    /** WHERE "gender" SIMILAR TO 'M', then NAME VARCHAR(50), AGE INTEGER, GENDER VARCHAR(4), SCORE INTEGER, JOB VARCHAR(50). */
    static SourceRecord handwritten(SourceRecord r, Struct v) {
        if (!"M".equals(v.getString("gender"))) {
            return null;
        }
        Struct out = new Struct(OUTPUT)
                .put("NAME", truncate(v.getString("name"), 50))
                .put("AGE", v.getInt32("age"))
                .put("GENDER", truncate(v.getString("gender"), 4))
                .put("SCORE", v.getInt32("score"))
                .put("JOB", truncate(v.getString("job"), 50));
        return r.newRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), OUTPUT, out, r.timestamp(),
                r.headers());
    }

    static SourceRecord handwritten(SourceRecord r, JsonNode v) {
        JsonNode gender = v.get("gender");
        if (gender == null || !"M".equals(gender.textValue())) {
            return null;
        }
        Struct out = new Struct(OUTPUT)
                .put("NAME", truncate(text(v.get("name")), 50))
                .put("AGE", integer(v.get("age")))
                .put("GENDER", truncate(gender.textValue(), 4))
                .put("SCORE", integer(v.get("score")))
                .put("JOB", truncate(text(v.get("job")), 50));
        return r.newRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), OUTPUT, out, r.timestamp(),
                r.headers());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.isTextual() ? n.textValue() : n.asText();
    }

    private static Integer integer(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new DataException("not an INTEGER: " + n);
        }
        return n.intValue();
    }

    private static String truncate(String s, int length) {
        return s == null || s.length() <= length ? s : s.substring(0, length);
    }

    private static RunResult result(Collection<RunResult> results, String benchmark) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().endsWith("." + benchmark)) {
                return result;
            }
        }
        throw new IllegalStateException("no result for " + benchmark);
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        return result(results, benchmark).getPrimaryResult().getScore();
    }

    private static double error(Collection<RunResult> results, String benchmark) {
        return result(results, benchmark).getPrimaryResult().getScoreError();
    }

    /** Checks that both implementations agree on a sample, then runs the four benchmarks and prints the summary. */
    public static void main(String[] args) throws RunnerException {
        verifySameOutput();
        Options options = new OptionsBuilder()
                .include(PumpBenchmark.class.getName() + "\\.")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double struct = score(results, "pumpStruct");
        double handStruct = score(results, "handwrittenStruct");
        double json = score(results, "pumpJson");
        double handJson = score(results, "handwrittenJson");
        System.out.printf(Locale.ROOT, "pump, Struct input:         %,12.0f records/s (± %,.0f, 99.9%%)%n", struct,
                error(results, "pumpStruct"));
        System.out.printf(Locale.ROOT, "hand-written, Struct input: %,12.0f records/s (± %,.0f, 99.9%%)%n", handStruct,
                error(results, "handwrittenStruct"));
        System.out.printf(Locale.ROOT, "pump, JSON bytes:           %,12.0f records/s (± %,.0f, 99.9%%)%n", json,
                error(results, "pumpJson"));
        System.out.printf(Locale.ROOT, "hand-written, JSON bytes:   %,12.0f records/s (± %,.0f, 99.9%%)%n", handJson,
                error(results, "handwrittenJson"));
        System.out.printf(Locale.ROOT, "SUMMARY struct_rps=%.0f handwritten_struct_rps=%.0f struct_ratio=%.2f"
                        + " json_rps=%.0f handwritten_json_rps=%.0f json_ratio=%.2f%n",
                struct, handStruct, struct / handStruct, json, handJson, json / handJson);
    }

    /** The baseline is only a baseline if it produces what the pump produces. */
    static void verifySameOutput() {
        PumpTransform<SourceRecord> pump = seedPump();
        Random r = new Random(7);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> p = person(r, i);
            Struct s = new Struct(INPUT);
            p.forEach(s::put);
            SourceRecord viaPump = pump.apply(record(INPUT, s));
            SourceRecord viaHand = handwritten(record(INPUT, s), s);
            byte[] json;
            try {
                json = mapper.writeValueAsBytes(p);
                SourceRecord jsonPump = pump.apply(record(Schema.BYTES_SCHEMA, json));
                SourceRecord jsonHand = handwritten(record(Schema.BYTES_SCHEMA, json), mapper.readTree(json));
                check(viaPump, viaHand);
                check(jsonPump, jsonHand);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            counts.merge(viaPump == null ? "filtered" : "kept", 1, Integer::sum);
        }
        System.out.println("baseline check: pump and hand-written agree on 1000 records " + counts);
    }

    private static void check(SourceRecord a, SourceRecord b) {
        if (a == null || b == null) {
            if (a != b) {
                throw new IllegalStateException("pump and hand-written disagree: " + a + " vs " + b);
            }
            return;
        }
        if (!a.value().toString().equals(b.value().toString())) {
            throw new IllegalStateException("pump and hand-written disagree: " + a.value() + " vs " + b.value());
        }
    }

}
