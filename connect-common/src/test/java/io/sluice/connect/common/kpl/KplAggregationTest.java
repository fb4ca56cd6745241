package io.sluice.connect.common.kpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.common.kpl.KplAggregation.Aggregate;
import io.sluice.connect.common.kpl.KplAggregation.Aggregator;
import io.sluice.connect.common.kpl.KplAggregation.Decoded;
import io.sluice.connect.common.kpl.KplAggregation.Kind;
import io.sluice.connect.common.kpl.KplAggregation.UserRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KplAggregationTest {

    private static final HexFormat HEX = HexFormat.of();

    /*
     * Built by hand from the KPL's messages.proto (awslabs/kinesis-aggregation, the KCL's Messages):
     *   user records {pk "a", data "x"} and {pk "b", ehk "1", data ""}.
     */
    private static final String PROTOBUF_HEX = ""
            + "0a0161"          // partition_key_table (1, LEN) "a"
            + "0a0162"          // partition_key_table (1, LEN) "b"
            + "120131"          // explicit_hash_key_table (2, LEN) "1"
            + "1a05"            // records (3, LEN), 5 bytes:
            + "0800"            //   partition_key_index (1, VARINT) 0
            + "1a0178"          //   data (3, LEN) "x"
            + "1a06"            // records (3, LEN), 6 bytes:
            + "0801"            //   partition_key_index 1
            + "1000"            //   explicit_hash_key_index (2, VARINT) 0
            + "1a00";           //   data, empty
    private static final String MD5_OF_PROTOBUF_HEX = "d808c030da64a5608d3a373b76b534d3";
    private static final String VECTOR_HEX = "f3899ac2" + PROTOBUF_HEX + MD5_OF_PROTOBUF_HEX;

    private static final List<UserRecord> VECTOR_RECORDS = List.of(
            new UserRecord("a", bytes("x")),
            new UserRecord("b", "1", new byte[0]));

    /** The KPL's magic bytes, as its format documents them. */
    private static final byte[] MAGIC = HEX.parseHex("f3899ac2");

    /** All of {@code records} as one aggregate's data, with no size limit. */
    private static byte[] encode(List<UserRecord> records) {
        Aggregator aggregator = new Aggregator(Integer.MAX_VALUE);
        records.forEach(aggregator::add);
        return aggregator.drain().data();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void handBuiltVectorsDigestIsTheMd5OfItsProtobufBytes() throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(HEX.parseHex(PROTOBUF_HEX));
        assertThat(HEX.formatHex(md5)).isEqualTo(MD5_OF_PROTOBUF_HEX);
    }

    @Test
    void encodesTheHandBuiltVectorByteForByte() {
        assertThat(HEX.formatHex(encode(VECTOR_RECORDS))).isEqualTo(VECTOR_HEX);
    }

    @Test
    void decodesTheHandBuiltVector() {
        Decoded decoded = KplAggregation.decode(HEX.parseHex(VECTOR_HEX), "outer", null);
        assertThat(decoded.kind()).isEqualTo(Kind.AGGREGATED);
        assertThat(decoded.records()).containsExactlyElementsOf(VECTOR_RECORDS);
    }

    @Test
    void decodesTablesThatFollowTheRecordsAndSkipsTagsAndUnknownFields() {
        String protobuf = ""
                + "1a0d" + "0801" + "1a0179" + "2206" + "0a016b" + "1201" + "76" // record: pk 1, "y", tag k=v
                + "0a0161" + "0a0162"                                          // tables after the records
                + "28" + "07";                                                 // unknown field 5, varint 7
        byte[] data = aggregate(HEX.parseHex(protobuf));
        assertThat(KplAggregation.decode(data, "outer", null).records())
                .containsExactly(new UserRecord("b", bytes("y")));
    }

    @Test
    void roundTripsManyRecordsWithRepeatedAndExplicitHashKeys() {
        List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String ehk = i % 3 == 0 ? null : Integer.toString(i % 7);
            records.add(new UserRecord("key-" + (i % 17), ehk, bytes("value-" + i)));
        }
        byte[] data = encode(records);
        Decoded decoded = KplAggregation.decode(data, "ignored", null);
        assertThat(decoded.kind()).isEqualTo(Kind.AGGREGATED);
        assertThat(decoded.records()).containsExactlyElementsOf(records);
    }

    @Test
    void roundTripsUnicodeKeysEmptyDataAndTheLargestExplicitHashKey() {
        List<UserRecord> records = List.of(
                new UserRecord("clé-日本-\uD83D\uDE00", new byte[0]),
                new UserRecord("κλειδί", "340282366920938463463374607431768211455", new byte[] {0, -1, 0x7f}),
                new UserRecord("clé-日本-\uD83D\uDE00", "0", bytes("données")));
        assertThat(KplAggregation.decode(encode(records), "x", null).records())
                .containsExactlyElementsOf(records);
    }

    @Test
    void dataWithoutTheMagicIsOnePlainRecordWithTheKinesisRecordsKeys() {
        byte[] plain = bytes("{\"hello\":\"world\"}");
        Decoded decoded = KplAggregation.decode(plain, "pk", "42");
        assertThat(decoded.kind()).isEqualTo(Kind.PLAIN);
        assertThat(decoded.records()).containsExactly(new UserRecord("pk", "42", plain));
        assertThat(KplAggregation.decode(new byte[0], "pk", null).kind()).isEqualTo(Kind.PLAIN);
    }

    @Test
    void aMismatchedDigestIsCorruptAndPassesAsOneRecord() {
        byte[] data = HEX.parseHex(VECTOR_HEX);
        data[data.length - 1] ^= 1;
        Decoded decoded = KplAggregation.decode(data, "pk", null);
        assertThat(decoded.kind()).isEqualTo(Kind.CORRUPT);
        assertThat(decoded.records()).containsExactly(new UserRecord("pk", data));
    }

    @Test
    void aCorruptedProtobufByteFailsTheDigestAndIsCorrupt() {
        byte[] data = HEX.parseHex(VECTOR_HEX);
        data[6] = 'z';
        Decoded decoded = KplAggregation.decode(data, "pk", null);
        assertThat(decoded.kind()).isEqualTo(Kind.CORRUPT);
        assertThat(decoded.records()).containsExactly(new UserRecord("pk", data));
    }

    @Test
    void magicAndDigestWithoutProtobufBytesAreCorruptAndPartOfTheMagicIsPlain() {
        byte[] data = HEX.parseHex("f3899ac2" + "d41d8cd98f00b204e9800998ecf8427e"); // MD5 of nothing
        assertThat(data).hasSize(20);
        assertThat(KplAggregation.decode(data, "pk", null).kind())
                .as("the KCL requires more than magic + digest").isEqualTo(Kind.CORRUPT);
        assertThat(KplAggregation.decode(HEX.parseHex("f3899ac2"), "pk", null).kind()).isEqualTo(Kind.CORRUPT);
        assertThat(KplAggregation.decode(HEX.parseHex("f3899a"), "pk", null).kind()).isEqualTo(Kind.PLAIN);
    }

    @Test
    void anAggregateWithTablesButNoRecordsYieldsNoUserRecordsAsInTheKcl() {
        Decoded decoded = KplAggregation.decode(aggregate(HEX.parseHex("0a0161")), "pk", null);
        assertThat(decoded.kind()).isEqualTo(Kind.AGGREGATED);
        assertThat(decoded.records()).isEmpty();
    }

    @Test
    void aValidDigestOverMalformedProtobufIsCorrupt() {
        assertCorrupt("0a05");                 // length past the end
        assertCorrupt("1a02" + "1a00");        // a Record without partition_key_index
        assertCorrupt("0a0161" + "1a02" + "0800"); // a Record without data
        assertCorrupt("0a0161" + "1a04" + "0801" + "1a00"); // partition key index 1 of a 1-entry table
        assertCorrupt("0a0161" + "1a06" + "0800" + "1000" + "1a00"); // explicit hash key index into an empty table
        assertCorrupt("0a0161" + "1a07" + "0800" + "1a00" + "2201" + "12"); // truncated Tag
        assertCorrupt("0a0161" + "1a08" + "0800" + "1a00" + "2202" + "1200"); // a Tag without its key
        assertCorrupt("0b");                   // wire type 3 (start group)
        assertCorrupt("0800");                 // partition_key_table as a varint
    }

    private static void assertCorrupt(String protobufHex) {
        byte[] data = aggregate(HEX.parseHex(protobufHex));
        Decoded decoded = KplAggregation.decode(data, "pk", null);
        assertThat(decoded.kind()).as(protobufHex).isEqualTo(Kind.CORRUPT);
        assertThat(decoded.records()).as(protobufHex).containsExactly(new UserRecord("pk", data));
    }

    /** Magic + protobuf + its MD5, for hand-made protobuf bytes. */
    private static byte[] aggregate(byte[] protobuf) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(protobuf);
            byte[] out = new byte[4 + protobuf.length + 16];
            System.arraycopy(MAGIC, 0, out, 0, 4);
            System.arraycopy(protobuf, 0, out, 4, protobuf.length);
            System.arraycopy(md5, 0, out, 4 + protobuf.length, 16);
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aggregatorCountsTheExactSizeOfWhatItDrains() {
        Aggregator aggregator = new Aggregator();
        for (UserRecord r : VECTOR_RECORDS) {
            int predicted = aggregator.sizeBytesWith(r);
            assertThat(aggregator.tryAdd(r)).isTrue();
            assertThat(aggregator.sizeBytes()).isEqualTo(predicted);
        }
        int size = aggregator.sizeBytes();
        Aggregate aggregate = aggregator.drain();
        assertThat(HEX.formatHex(aggregate.data())).isEqualTo(VECTOR_HEX);
        assertThat(aggregate.partitionKey()).isEqualTo("a");
        assertThat(aggregate.explicitHashKey()).isNull();
        assertThat(aggregate.userRecordCount()).isEqualTo(2);
        assertThat(aggregate.sizeBytes()).isEqualTo(size).isEqualTo(4 + 24 + 16 + 1);
        assertThat(aggregator.isEmpty()).isTrue();
        assertThat(aggregator.sizeBytes()).isZero();
    }

    @Test
    void fillsAnAggregateToExactlyOneMebibyteAndNotOneByteMore() {
        // One record with pk "p" and n data bytes, n near 2^20 (lengths take 3-byte varints): magic 4
        // + pk table entry 3 (0a 01 70) + record field (tag 1 + length 3 + index 2 + data tag 1 + length 3 + n)
        // + digest 16 + the aggregate's partition key 1 = n + 34.
        int n = KplAggregation.MAX_RECORD_BYTES - 34;
        UserRecord exact = new UserRecord("p", new byte[n]);
        Aggregator aggregator = new Aggregator();
        assertThat(aggregator.sizeBytesWith(exact)).isEqualTo(1_048_576);
        assertThat(aggregator.tryAdd(exact)).isTrue();
        assertThat(aggregator.tryAdd(new UserRecord("p", new byte[0]))).as("a full aggregate takes nothing more")
                .isFalse();
        Aggregate aggregate = aggregator.drain();
        assertThat(aggregate.sizeBytes()).isEqualTo(1_048_576);
        assertThat(aggregate.data()).hasSize(1_048_575);
        assertThat(KplAggregation.decode(aggregate.data(), "p", null).records()).containsExactly(exact);

        UserRecord oneTooMany = new UserRecord("p", new byte[n + 1]);
        assertThat(aggregator.sizeBytesWith(oneTooMany)).isEqualTo(1_048_577);
        assertThat(aggregator.fits(oneTooMany)).isFalse();
        assertThatThrownBy(() -> aggregator.add(oneTooMany)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A user record with partition key 'p' and 1048543 bytes of data needs 1048577 bytes "
                        + "aggregated, more than the limit of 1048576 bytes");
    }

    @Test
    void tellsWhenTheNextRecordNoLongerFitsAndStartsAnewAfterDrain() {
        byte[] kib = new byte[1024];
        Aggregator aggregator = new Aggregator();
        List<Aggregate> aggregates = new ArrayList<>();
        List<UserRecord> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            UserRecord r = new UserRecord("k" + (i % 50), kib);
            all.add(r);
            if (!aggregator.tryAdd(r)) {
                aggregates.add(aggregator.drain());
                aggregator.add(r);
            }
        }
        aggregates.add(aggregator.drain());
        assertThat(aggregates).hasSize(2);
        assertThat(aggregates).allSatisfy(a -> assertThat(a.sizeBytes()).isLessThanOrEqualTo(1_048_576));
        assertThat(aggregates.get(0).sizeBytes() + 1030).as("the first was full")
                .isGreaterThan(1_048_576);
        List<UserRecord> decoded = new ArrayList<>();
        aggregates.forEach(a -> decoded.addAll(KplAggregation.decode(a.data(), a.partitionKey(), null).records()));
        assertThat(decoded).containsExactlyElementsOf(all);
        assertThatThrownBy(() -> {
            Aggregator full = new Aggregator(100);
            full.add(new UserRecord("k", new byte[40]));
            full.add(new UserRecord("k", new byte[40]));
        }).isInstanceOf(IllegalStateException.class)
                .hasMessage("The aggregate holds 70 bytes; the record would make it 116, more than the limit of "
                        + "100 bytes: drain() first");
    }

    @Test
    void theAggregateCarriesTheFirstRecordsKeys() {
        Aggregator aggregator = new Aggregator();
        aggregator.add(new UserRecord("first", "12345", bytes("1")));
        aggregator.add(new UserRecord("second", bytes("2")));
        Aggregate aggregate = aggregator.drain();
        assertThat(aggregate.partitionKey()).isEqualTo("first");
        assertThat(aggregate.explicitHashKey()).isEqualTo("12345");
    }

    @Test
    void refusesToDrainNothing() {
        assertThatThrownBy(() -> new Aggregator().drain()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Nothing to drain: no user record was added");
    }

    @Test
    void userRecordsCompareByContentAndCopyTheirData() {
        byte[] data = bytes("abc");
        UserRecord r = new UserRecord("k", data);
        data[0] = 'z';
        assertThat(r.data()).isEqualTo(bytes("abc"));
        assertThat(r).isEqualTo(new UserRecord("k", null, bytes("abc"))).hasSameHashCodeAs(
                new UserRecord("k", bytes("abc")));
    }
}
