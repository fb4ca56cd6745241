package io.sluice.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pump.compile.Metadata;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transform on Struct, Map and JSON inputs, its config, errors, tombstones and metadata. */
class PumpTransformTest {

    private static final String SEED = TestResources.read("seed.sql");

    private static final Schema PERSON = SchemaBuilder.struct().name("person")
            .field("name", Schema.STRING_SCHEMA)
            .field("age", Schema.INT32_SCHEMA)
            .field("gender", Schema.OPTIONAL_STRING_SCHEMA)
            .field("score", Schema.INT64_SCHEMA)
            .field("job", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static PumpTransform<SourceRecord> value(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(PumpConfig.SQL_CONFIG, SEED);
        props.putAll(extra);
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        t.configure(props);
        return t;
    }

    private static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of("p", 1), Map.of("o", 2), "people", 3, Schema.STRING_SCHEMA, "key-1", schema,
                value, 1_700_000_000_000L, new ConnectHeaders().addString("h", "v"));
    }

    @Test
    void structInputIsFilteredAndRetypedKeepingTheRestOfTheRecord() {
        PumpTransform<SourceRecord> t = value(Map.of());
        Struct man = new Struct(PERSON).put("name", "Bob").put("age", 30).put("gender", "M").put("score", 50L)
                .put("job", "x".repeat(60));
        SourceRecord out = t.apply(record(PERSON, man));
        Struct v = (Struct) out.value();
        assertThat(v.schema()).isSameAs(out.valueSchema());
        assertThat(v.getString("NAME")).isEqualTo("Bob");
        assertThat(v.getInt32("AGE")).isEqualTo(30);
        assertThat(v.getInt32("SCORE")).isEqualTo(50);
        assertThat(v.getString("JOB")).as("VARCHAR(50) truncates").hasSize(50);
        assertThat(out.topic()).isEqualTo("people");
        assertThat(out.kafkaPartition()).isEqualTo(3);
        assertThat(out.key()).isEqualTo("key-1");
        assertThat(out.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(out.headers().lastWithName("h").value()).isEqualTo("v");
        assertThat(out.sourcePartition()).isEqualTo(Map.of("p", 1));

        Struct woman = new Struct(PERSON).put("name", "Ann").put("age", 30).put("gender", "F").put("score", 50L);
        assertThat(t.apply(record(PERSON, woman))).isNull();
        Struct unknown = new Struct(PERSON).put("name", "Cy").put("age", 30).put("score", 50L);
        assertThat(t.apply(record(PERSON, unknown))).as("NULL gender: UNKNOWN, filtered").isNull();
    }

    @Test
    void mapInputIsFilteredAndTyped() {
        PumpTransform<SourceRecord> t = value(Map.of());
        Map<String, Object> man = new LinkedHashMap<>();
        man.put("name", "Bob");
        man.put("age", 30);
        man.put("gender", "M");
        man.put("score", 50);
        man.put("job", "Pilot");
        Struct v = (Struct) t.apply(record(null, man)).value();
        assertThat(v.toString()).isEqualTo("Struct{NAME=Bob,AGE=30,GENDER=M,SCORE=50,JOB=Pilot}");
        Map<String, Object> woman = new HashMap<>(man);
        woman.put("gender", "F");
        assertThat(t.apply(record(null, woman))).isNull();
    }

    @Test
    void jsonStringAndBytesInputAreFilteredAndTyped() {
        PumpTransform<SourceRecord> t = value(Map.of());
        String json = "{\"name\":\"Bob\",\"age\":30,\"gender\":\"M\",\"score\":50,\"job\":\"Pilot\",\"extra\":[1]}";
        Struct fromString = (Struct) t.apply(record(Schema.STRING_SCHEMA, json)).value();
        Struct fromBytes = (Struct) t.apply(record(Schema.BYTES_SCHEMA, json.getBytes(StandardCharsets.UTF_8))).value();
        assertThat(fromString).isEqualTo(fromBytes);
        assertThat(fromString.getInt32("AGE")).isEqualTo(30);
        String missingJob = "{\"name\":\"Al\",\"age\":31,\"gender\":\"M\",\"score\":1}";
        assertThat(((Struct) t.apply(record(null, missingJob)).value()).getString("JOB")).isNull();
    }

    @Test
    void tombstonesPassThroughUntouched() {
        PumpTransform<SourceRecord> t = value(Map.of());
        SourceRecord tombstone = record(null, null);
        assertThat(t.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void keyVariantRunsOnTheKey() {
        PumpTransform<SinkRecord> t = new PumpTransform.Key<>();
        t.configure(Map.of(PumpConfig.SQL_CONFIG, SEED));
        SinkRecord in = new SinkRecord("people", 0, null,
                "{\"name\":\"Bob\",\"age\":30,\"gender\":\"M\",\"score\":50,\"job\":\"Pilot\"}", Schema.STRING_SCHEMA,
                "the value", 42L);
        SinkRecord out = t.apply(in);
        assertThat(((Struct) out.key()).getString("NAME")).isEqualTo("Bob");
        assertThat(out.keySchema().name()).isEqualTo("AndersonStream");
        assertThat(out.value()).isEqualTo("the value");
        assertThat(out.kafkaOffset()).isEqualTo(42L);
    }

    @Test
    void errorsFailThrowDataExceptionNamingTheProblem() {
        PumpTransform<SourceRecord> t = value(Map.of());
        assertThatThrownBy(() -> t.apply(record(null, "{not json")))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Invalid_input in reading the input (topic people, partition 3): invalid JSON");
        // The first record fixed the inferred source columns; "age" is BIGINT, 123.4 does not fit.
        assertThat(t.apply(record(null, "{\"name\":\"B\",\"age\":1,\"gender\":\"M\",\"score\":1,\"job\":\"j\"}")))
                .isNotNull();
        assertThatThrownBy(() -> t.apply(record(null, "{\"name\":\"B\",\"age\":123.4,\"gender\":\"M\",\"score\":1,\"job\":\"j\"}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Coercion_error");
    }

    @Test
    void errorsSkipDropsAndCounts() {
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.ERRORS_CONFIG, "skip"));
        assertThat(t.apply(record(null, "[1, 2]"))).isNull();
        assertThat(t.skippedCount()).isEqualTo(1);
    }

    @Test
    void errorsRouteSendsAKdaErrorRowToTheErrorTopic() {
        String sql = "CREATE STREAM \"OUT\" (ratio INTEGER);\n"
                + "CREATE PUMP \"DIV\" AS INSERT INTO \"OUT\" SELECT STREAM 100 / \"n\" FROM \"SOURCE_SQL_STREAM_001\";";
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        t.configure(Map.of(PumpConfig.SQL_CONFIG, sql, PumpConfig.ERRORS_CONFIG, "route",
                PumpConfig.ERRORS_TOPIC_CONFIG, "pump-errors", PumpConfig.SOURCE_COLUMNS_CONFIG, "\"n\" INTEGER"));
        assertThat(((Struct) t.apply(record(null, "{\"n\": 4}")).value()).getInt32("RATIO")).isEqualTo(25);
        SourceRecord error = t.apply(record(null, "{\"n\": 0}"));
        assertThat(error.topic()).isEqualTo("pump-errors");
        assertThat(error.key()).isEqualTo("key-1");
        assertThat(error.valueSchema()).isEqualTo(PumpTransform.ERROR_SCHEMA);
        Struct row = (Struct) error.value();
        assertThat(row.getString("ERROR_LEVEL")).isEqualTo("ERROR");
        assertThat(row.getString("ERROR_NAME")).isEqualTo("Division_by_zero");
        assertThat(row.getString("MESSAGE")).isEqualTo("division by zero: 100 / 0");
        assertThat(row.getString("DATA_ROW")).isEqualTo("{\"n\": 0}");
        assertThat(row.getString("PUMP_NAME")).isEqualTo("DIV");
        assertThat(((java.util.Date) row.get("DATA_ROWTIME")).getTime()).isEqualTo(1_700_000_000_000L);
        assertThat(t.routedCount()).isEqualTo(1);
    }

    @Test
    void unknownColumnOfAnInferredSourceFailsLoudlyEvenWhenSkipping() {
        String sql = SEED.replace("SIMILAR TO 'M'", "SIMILAR TO \"M\"");
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql, PumpConfig.ERRORS_CONFIG, "skip"));
        assertThatThrownBy(() -> t.apply(record(null, "{\"name\":\"B\",\"age\":1,\"gender\":\"M\"}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Column \"M\" does not exist")
                .hasMessageContaining("string literals take single quotes: 'M'");
    }

    @Test
    void configureRejectsBadSqlWithPositionAndHint() {
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        assertThatThrownBy(() -> t.configure(Map.of(PumpConfig.SQL_CONFIG, SEED.replace("SELECT STREAM", "SELECT"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid pump SQL (pump.sql): line 4:8: mismatched input '\"name\"'."
                        + " Expecting: 'STREAM'\nSELECT \"name\"");
    }

    @Test
    void configureRequiresExactlyOneSqlSourceAndAnErrorTopicForRoute() {
        assertThatThrownBy(() -> new PumpTransform.Value<SourceRecord>().configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set exactly one of pump.sql and pump.sql.file");
        assertThatThrownBy(() -> value(Map.of(PumpConfig.ERRORS_CONFIG, "route")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pump.errors=route needs pump.errors.topic");
        assertThatThrownBy(() -> value(Map.of(PumpConfig.ERRORS_CONFIG, "ignore")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pump.errors");
        assertThatThrownBy(() -> value(Map.of(PumpConfig.SOURCE_PATHS_CONFIG, "city")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected column=path");
    }

    @Test
    void sqlFileIsReadAtConfigure(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.sql");
        Files.writeString(file, SEED);
        PumpTransform<SourceRecord> t = new PumpTransform.Value<>();
        t.configure(Map.of(PumpConfig.SQL_FILE_CONFIG, file.toString()));
        assertThat(t.apply(record(null, "{\"name\":\"B\",\"age\":1,\"gender\":\"M\",\"score\":2,\"job\":\"j\"}")))
                .isNotNull();
    }

    @Test
    void declaredSourceColumnsWithPathsReadNestedInput() {
        String sql = "CREATE STREAM \"DEST\" (city VARCHAR(10), first_id BIGINT, price DECIMAL(6,2), at TIMESTAMP);\n"
                + "CREATE PUMP \"P\" AS INSERT INTO \"DEST\" SELECT STREAM \"city\", \"first\", \"price\" * 2, \"at\""
                + " FROM \"SOURCE_SQL_STREAM_001\" WHERE \"city\" LIKE 'Ber%'";
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql,
                PumpConfig.SOURCE_COLUMNS_CONFIG,
                "\"city\" VARCHAR(20), \"first\" BIGINT, \"price\" DECIMAL(6,2), \"at\" TIMESTAMP",
                PumpConfig.SOURCE_PATHS_CONFIG, "city=$.address.city,first=$.items[0].id"));
        String json = "{\"address\":{\"city\":\"Berlin\"},\"items\":[{\"id\":7},{\"id\":8}],\"price\":\"1.25\","
                + "\"at\":\"2024-03-15 10:20:30\"}";
        SourceRecord out = t.apply(record(null, json));
        Struct v = (Struct) out.value();
        assertThat(v.getString("CITY")).isEqualTo("Berlin");
        assertThat(v.getInt64("FIRST_ID")).isEqualTo(7L);
        assertThat(v.get("PRICE")).isEqualTo(new BigDecimal("2.50"));
        assertThat(out.valueSchema().field("PRICE").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(out.valueSchema().field("AT").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(((java.util.Date) v.get("AT")).getTime()).isEqualTo(1710498030000L);
        assertThat(t.apply(record(null, "{\"address\":{\"city\":\"Paris\"}}"))).isNull();
        assertThat(t.apply(record(null, "{}"))).as("missing city is NULL: filtered").isNull();
    }

    @Test
    void metadataColumnsComeFromHeadersAndRowtimeFromTheTimestamp() {
        String sql = "CREATE STREAM \"DEST\" (pk VARCHAR(20), seq VARCHAR(40), shard VARCHAR(30), arrived TIMESTAMP,"
                + " rt TIMESTAMP, v VARCHAR(5));\n"
                + "CREATE PUMP \"P\" AS INSERT INTO \"DEST\" SELECT STREAM PARTITION_KEY, SEQUENCE_NUMBER, SHARD_ID,"
                + " APPROXIMATE_ARRIVAL_TIME, ROWTIME, \"v\" FROM \"SOURCE_SQL_STREAM_001\"";
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql));
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(Metadata.PARTITION_KEY_HEADER, "partitionkey");
        headers.addString(Metadata.SEQUENCE_NUMBER_HEADER, "49590338271490256608559692538361571095921575989136588898");
        headers.addString(Metadata.SHARD_ID_HEADER, "shardId-000000000000");
        headers.addLong(Metadata.APPROXIMATE_ARRIVAL_TIME_HEADER, 1_699_999_999_000L);
        SourceRecord in = new SourceRecord(Map.of(), Map.of(), "t", null, null, null, null, "{\"v\":\"x\"}",
                1_700_000_000_000L, headers);
        Struct v = (Struct) t.apply(in).value();
        assertThat(v.getString("PK")).isEqualTo("partitionkey");
        assertThat(v.getString("SEQ")).startsWith("4959033827");
        assertThat(v.getString("SHARD")).isEqualTo("shardId-000000000000");
        assertThat(((java.util.Date) v.get("ARRIVED")).getTime()).isEqualTo(1_699_999_999_000L);
        assertThat(((java.util.Date) v.get("RT")).getTime()).isEqualTo(1_700_000_000_000L);
        SourceRecord bare = new SourceRecord(Map.of(), Map.of(), "t", null, null, null, null, "{\"v\":\"y\"}", 5L);
        Struct w = (Struct) t.apply(bare).value();
        assertThat(w.getString("PK")).as("no header: NULL").isNull();
    }

    @Test
    void pumpsChainThroughIntermediateStreamsInDependencyOrder() {
        String sql = "CREATE STREAM \"OUT\" (label VARCHAR(20));\n"
                + "CREATE STREAM \"MID\" (n INTEGER, name VARCHAR(10));\n"
                + "CREATE PUMP \"SECOND\" AS INSERT INTO \"OUT\" SELECT STREAM name || ':' || CAST(n AS VARCHAR(5))"
                + " FROM \"MID\" WHERE n > 1;\n"
                + "CREATE PUMP \"FIRST\" AS INSERT INTO \"MID\" SELECT STREAM \"n\" * 2, UPPER(\"name\")"
                + " FROM \"SOURCE_SQL_STREAM_001\" WHERE \"name\" IS NOT NULL;";
        PumpTransform<SourceRecord> t = value(Map.of(PumpConfig.SQL_CONFIG, sql));
        assertThat(t.pump().application().pumpNames()).containsExactly("FIRST", "SECOND");
        assertThat(((Struct) t.apply(record(null, "{\"n\":3,\"name\":\"ab\"}")).value()).getString("LABEL"))
                .isEqualTo("AB:6");
        assertThat(t.apply(record(null, "{\"n\":0,\"name\":\"ab\"}"))).isNull();
        assertThat(t.apply(record(null, "{\"n\":3}"))).isNull();
    }

    @Test
    void structSchemasAreBoundOncePerSchemaAndColumnsFollowTheSchema() {
        PumpTransform<SourceRecord> t = value(Map.of());
        Schema other = SchemaBuilder.struct().field("gender", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
                .field("age", Schema.INT8_SCHEMA).field("score", Schema.FLOAT64_SCHEMA)
                .field("job", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct s = new Struct(other).put("gender", "M").put("name", "Z").put("age", (byte) 9).put("score", 7.9);
        Struct v = (Struct) t.apply(record(other, s)).value();
        assertThat(v.getInt32("AGE")).isEqualTo(9);
        assertThat(v.getInt32("SCORE")).as("DOUBLE into INTEGER truncates").isEqualTo(7);
        assertThat(v.getString("JOB")).isNull();
    }

    @Test
    void loadsThroughTheServiceLoaderAndReportsTheProjectVersion() {
        List<String> names = new java.util.ArrayList<>();
        for (Transformation<?> tr : java.util.ServiceLoader.load(Transformation.class)) {
            names.add(tr.getClass().getName());
        }
        assertThat(names).contains("io.sluice.pump.PumpTransform$Value", "io.sluice.pump.PumpTransform$Key");
        assertThat(new PumpTransform.Value<SourceRecord>().version()).matches("\\d+\\.\\d+\\.\\d+.*")
                .isNotEqualTo("unknown");
        assertThat(new PumpTransform.Value<SourceRecord>().config()).isSameAs(PumpConfig.CONFIG_DEF);
    }
}
