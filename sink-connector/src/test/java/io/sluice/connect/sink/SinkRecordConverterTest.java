package io.sluice.connect.sink;

import static io.sluice.connect.sink.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.sink.config.DataFormat;
import io.sluice.connect.sink.config.PartitionKeySource;
import io.sluice.connect.sink.config.StreamNameTemplate;
import io.sluice.connect.sink.config.TombstoneBehavior;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SinkRecordConverterTest {

    private static final Schema USER = SchemaBuilder.struct().name("User")
            .field("id", Schema.STRING_SCHEMA).field("age", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final Schema EVENT = SchemaBuilder.struct().name("Event")
            .field("user", USER).field("amount", Decimal.schema(2))
            .field("at", Timestamp.SCHEMA).field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA).build();

    private static SinkRecordConverter converter(PartitionKeySource source, String path, String constant,
                                                 DataFormat format, TombstoneBehavior tombstones) {
        return new SinkRecordConverter(StreamNameTemplate.parse("kafka-${topic}"),
                new PartitionKeys(source, path == null ? List.of() : List.of(path.split("\\.")), constant),
                null, new RecordEncoder(format), tombstones);
    }

    private static SinkRecordConverter byKey() {
        return converter(PartitionKeySource.KEY, null, null, DataFormat.AUTO, TombstoneBehavior.SKIP);
    }

    private static Struct event() {
        return new Struct(EVENT).put("user", new Struct(USER).put("id", "u-7").put("age", 42))
                .put("amount", new BigDecimal("12.50")).put("at", new java.util.Date(1_714_558_530_250L))
                .put("tags", List.of("x", "y")).put("raw", new byte[] {1, 2, (byte) 0xff});
    }

    private static String text(SinkEntry entry) {
        return new String(entry.data(), StandardCharsets.UTF_8);
    }

    @Test
    void writesBytesAsTheyAreStringsAsUtf8AndStructsAsPlainJson() {
        byte[] bytes = {0, (byte) 0xc3, 0x28, 7};
        assertThat(byKey().convert(record("orders", 0, 0, "k", bytes)).orElseThrow().data()).isEqualTo(bytes);
        assertThat(byKey().convert(record("orders", 0, 0, "k", ByteBuffer.wrap(bytes))).orElseThrow().data())
                .isEqualTo(bytes);
        assertThat(byKey().convert(record("orders", 0, 0, "k", "grüße")).orElseThrow().data())
                .isEqualTo("grüße".getBytes(StandardCharsets.UTF_8));
        SinkEntry entry = byKey().convert(record("orders", 0, 0, null, "k", EVENT, event())).orElseThrow();
        assertThat(text(entry)).isEqualTo("{\"user\":{\"id\":\"u-7\",\"age\":42},\"amount\":12.50,"
                + "\"at\":\"2024-05-01T10:15:30.250Z\",\"tags\":[\"x\",\"y\"],\"raw\":\"AQL/\"}");
        assertThat(entry.stream()).isEqualTo("kafka-orders");
    }

    @Test
    void writesMapsAsJsonAndEveryValueAsJsonInJsonFormat() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", 7);
        map.put("name", null);
        assertThat(text(byKey().convert(record("t", 0, 0, "k", map)).orElseThrow()))
                .isEqualTo("{\"id\":7,\"name\":null}");
        SinkRecordConverter json = converter(PartitionKeySource.KEY, null, null, DataFormat.JSON,
                TombstoneBehavior.SKIP);
        assertThat(text(json.convert(record("t", 0, 0, "k", "a \"b\"")).orElseThrow())).isEqualTo("\"a \\\"b\\\"\"");
        assertThat(text(json.convert(record("t", 0, 0, "k", new byte[] {1, 2})).orElseThrow())).isEqualTo("\"AQI=\"");
    }

    @Test
    void turnsKeysIntoTextUtf8BytesAsTextOtherBytesAsBase64() {
        assertThat(byKey().convert(record("t", 0, 0, "user-1".getBytes(StandardCharsets.UTF_8), "v")).orElseThrow()
                .partitionKey()).isEqualTo("user-1");
        assertThat(byKey().convert(record("t", 0, 0, new byte[] {(byte) 0xc3, 0x28}, "v")).orElseThrow()
                .partitionKey()).isEqualTo("wyg=");
        assertThat(byKey().convert(record("t", 0, 0, 42L, "v")).orElseThrow().partitionKey()).isEqualTo("42");
        assertThat(byKey().convert(record("t", 0, 0, Map.of("id", 1), "v")).orElseThrow().partitionKey())
                .isEqualTo("{\"id\":1}");
    }

    @Test
    void takesThePartitionKeyFromANestedFieldOfAStructOrAMap() {
        SinkRecordConverter field = converter(PartitionKeySource.FIELD, "user.id", null, DataFormat.AUTO,
                TombstoneBehavior.SKIP);
        assertThat(field.convert(record("t", 0, 0, null, null, EVENT, event())).orElseThrow().partitionKey())
                .isEqualTo("u-7");
        assertThat(field.convert(record("t", 0, 0, null, Map.of("user", Map.of("id", 9)))).orElseThrow()
                .partitionKey()).isEqualTo("9");
    }

    @Test
    void explainsAMissingOrUnreachableField() {
        SinkRecordConverter field = converter(PartitionKeySource.FIELD, "user.id", null, DataFormat.AUTO,
                TombstoneBehavior.SKIP);
        assertThatThrownBy(() -> field.convert(record("t", 2, 7, null, Map.of("user", Map.of("name", "x")))))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record t-2@7: its value has no field user.id for the partition key");
        assertThatThrownBy(() -> field.convert(record("t", 2, 8, null, "plain text")))
                .hasMessage("Record t-2@8: its value is a String, not a struct or map, so it has no field user for "
                        + "the partition key");
        Map<String, Object> nullUser = new LinkedHashMap<>();
        nullUser.put("user", null);
        assertThatThrownBy(() -> field.convert(record("t", 2, 9, null, nullUser)))
                .hasMessage("Record t-2@9: its field user is null; the partition key comes from it");
    }

    @Test
    void usesThePartitionNumberAConstantOrARandomKey() {
        SinkRecord r = record("t", 3, 0, null, "v");
        assertThat(converter(PartitionKeySource.PARTITION, null, null, DataFormat.AUTO, TombstoneBehavior.SKIP)
                .convert(r).orElseThrow().partitionKey()).isEqualTo("3");
        assertThat(converter(PartitionKeySource.CONSTANT, null, "all", DataFormat.AUTO, TombstoneBehavior.SKIP)
                .convert(r).orElseThrow().partitionKey()).isEqualTo("all");
        SinkRecordConverter random = converter(PartitionKeySource.RANDOM, null, null, DataFormat.AUTO,
                TombstoneBehavior.SKIP);
        assertThat(random.convert(r).orElseThrow().partitionKey()).hasSize(36)
                .isNotEqualTo(random.convert(r).orElseThrow().partitionKey());
    }

    @Test
    void rejectsAMissingEmptyOrTooLongPartitionKey() {
        assertThatThrownBy(() -> byKey().convert(record("t", 0, 1, null, "v")))
                .hasMessage("Record t-0@1: it has no key, and kinesis.partition.key.source=key takes the partition "
                        + "key from the record key");
        assertThatThrownBy(() -> byKey().convert(record("t", 0, 2, "", "v")))
                .hasMessage("Record t-0@2: its partition key (from the record key) is empty; Kinesis needs 1 to 256 "
                        + "characters");
        assertThatThrownBy(() -> byKey().convert(record("t", 0, 3, "ü".repeat(257), "v")))
                .hasMessage("Record t-0@3: its partition key (from the record key) has 257 characters, more than "
                        + "Kinesis's limit of 256");
        assertThat(byKey().convert(record("t", 0, 4, "ü".repeat(256), "v"))).isPresent();
    }

    @Test
    void rejectsARecordOverOneMebibyteOfDataPlusKeyAndAcceptsOneAtTheLimit() {
        byte[] atLimit = new byte[1024 * 1024 - 3];
        assertThat(byKey().convert(record("t", 0, 0, "abc", atLimit)).orElseThrow().sizeBytes())
                .isEqualTo(1024 * 1024);
        assertThatThrownBy(() -> byKey().convert(record("t", 0, 1, "abcd", atLimit)))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record t-0@1: its data and partition key take 1048577 bytes, more than Kinesis's limit "
                        + "of 1048576 bytes (1 MiB) per record");
    }

    @Test
    void skipsOrRejectsTombstones() {
        assertThat(byKey().convert(record("t", 0, 0, "k", null))).isEmpty();
        SinkRecordConverter failing = converter(PartitionKeySource.KEY, null, null, DataFormat.AUTO,
                TombstoneBehavior.FAIL);
        assertThatThrownBy(() -> failing.convert(record("t", 0, 5, "k", null)))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record t-0@5: it is a tombstone (null value), and kinesis.tombstone.behavior=fail");
    }

    @Test
    void setsTheExplicitHashKeyOfThePartition() {
        SinkRecordConverter spread = new SinkRecordConverter(StreamNameTemplate.parse("s"),
                new PartitionKeys(PartitionKeySource.KEY, List.of(), null), new ExplicitHashKeys(2),
                new RecordEncoder(DataFormat.AUTO), TombstoneBehavior.SKIP);
        assertThat(spread.convert(record("t", 1, 0, "k", "v")).orElseThrow().explicitHashKey())
                .isEqualTo(new ExplicitHashKeys(2).forPartition(1));
    }
}
