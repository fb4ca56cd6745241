package io.sluice.connect.common.kpl;

import io.sluice.connect.common.kpl.ProtobufWire.MalformedException;
import io.sluice.connect.common.kpl.ProtobufWire.Reader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kinesis Producer Library's aggregated record format, as the KCL de-aggregates it.
 *
 * <p>One Kinesis record's data holds many user records:
 *
 * <pre>
 * offset 0   4 bytes  magic F3 89 9A C2
 * offset 4   n bytes  protobuf AggregatedRecord
 * offset 4+n 16 bytes MD5 of the n protobuf bytes
 *
 * message AggregatedRecord {
 *   repeated string partition_key_table     = 1;
 *   repeated string explicit_hash_key_table = 2;
 *   repeated Record records                 = 3;
 * }
 * message Record {
 *   required uint64 partition_key_index     = 1;
 *   optional uint64 explicit_hash_key_index = 2;
 *   required bytes  data                    = 3;
 *   repeated Tag    tags                    = 4;
 * }
 * message Tag { required string key = 1; optional string value = 2; }
 * </pre>
 *
 * <p>Decoding follows the KCL's {@code AggregatorUtil} and says what it found ({@link Kind}): data without the magic
 * is {@code PLAIN}; data with it that is shorter than magic + 1 + digest, fails the MD5 check or does not parse is
 * {@code CORRUPT}; both come back as one record with the Kinesis record's own keys, as the KCL passes them on.
 * Two deliberate differences: an index outside its key table makes the whole record {@code CORRUPT} (the KCL logs
 * it and drops the rest of the aggregate), and tags are skipped (the KCL ignores them too).
 * A well-formed aggregate may hold no user records at all; like the KCL, decoding then yields none.
 *
 * <p>Encoding ({@link Aggregator}) writes the tables in first-use order, one entry per distinct key, and no tags —
 * what the KPL writes.
 * {@link Aggregator} packs user records up to Kinesis's 1 MiB limit on data plus partition key.
 *
 * <p>All methods are pure and thread-safe; an {@link Aggregator} belongs to one thread.
 */
public final class KplAggregation {

    /** Kinesis's limit on one record: data plus partition key (UTF-8 bytes). */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    public static final int DIGEST_BYTES = 16;

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int AGGREGATED_PARTITION_KEY_TABLE = 1;
    private static final int AGGREGATED_EXPLICIT_HASH_KEY_TABLE = 2;
    private static final int AGGREGATED_RECORDS = 3;
    private static final int RECORD_PARTITION_KEY_INDEX = 1;
    private static final int RECORD_EXPLICIT_HASH_KEY_INDEX = 2;
    private static final int RECORD_DATA = 3;
    private static final int RECORD_TAGS = 4;
    private static final int TAG_KEY = 1;

    private KplAggregation() {
    }

    /** One user record: a partition key, an optional explicit hash key (decimal) and the data. */
    public record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {

        public UserRecord {
            Objects.requireNonNull(partitionKey, "partitionKey");
            Objects.requireNonNull(data, "data");
            data = data.clone();
        }

        public UserRecord(String partitionKey, byte[] data) {
            this(partitionKey, null, data);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** Whether an explicit hash key is set. */
        public boolean hasExplicitHashKey() {
            return explicitHashKey != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserRecord other
                    && partitionKey.equals(other.partitionKey)
                    && Objects.equals(explicitHashKey, other.explicitHashKey)
                    && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(partitionKey, explicitHashKey, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "UserRecord[partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey
                    + ", data=" + data.length + " bytes]";
        }
    }

    /** What a Kinesis record's data turned out to be. */
    public enum Kind {
        /** Not an aggregate: no magic. */
        PLAIN,
        /** A well-formed aggregate: magic, digest and protobuf all check out. */
        AGGREGATED,
        /** The magic, but too short, a wrong digest or a protobuf that does not parse: passed on whole. */
        CORRUPT
    }

    /**
     * What {@link #decode} found. For {@code PLAIN} and {@code CORRUPT} data, the single record is the Kinesis record
     * itself; for an aggregate, a user record's sub-sequence number is its index in {@code records}.
     */
    public record Decoded(Kind kind, List<UserRecord> records) {
        public Decoded {
            records = List.copyOf(records);
        }
    }

    /** One Kinesis record ready to put: the first user record's keys and the aggregated data. */
    public record Aggregate(String partitionKey, String explicitHashKey, byte[] data, int userRecordCount) {

        public Aggregate {
            Objects.requireNonNull(partitionKey, "partitionKey");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** Data plus partition key, the size Kinesis checks against {@link #MAX_RECORD_BYTES}. */
        public int sizeBytes() {
            return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Aggregate other
                    && partitionKey.equals(other.partitionKey)
                    && Objects.equals(explicitHashKey, other.explicitHashKey)
                    && Arrays.equals(data, other.data)
                    && userRecordCount == other.userRecordCount;
        }

        @Override
        public int hashCode() {
            return Objects.hash(partitionKey, explicitHashKey, Arrays.hashCode(data), userRecordCount);
        }

        @Override
        public String toString() {
            return "Aggregate[partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey
                    + ", data=" + data.length + " bytes, userRecords=" + userRecordCount + "]";
        }
    }

    /**
     * De-aggregates one Kinesis record's data. Data that is not a well-formed aggregate (see the class comment)
     * comes back as one record carrying {@code partitionKey} and {@code explicitHashKey}, the Kinesis record's own.
     */
    public static Decoded decode(byte[] data, String partitionKey, String explicitHashKey) {
        Objects.requireNonNull(data, "data");
        if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Decoded(Kind.PLAIN, List.of(new UserRecord(partitionKey, explicitHashKey, data)));
        }
        List<UserRecord> records = tryDecode(data);
        if (records == null) {
            return new Decoded(Kind.CORRUPT, List.of(new UserRecord(partitionKey, explicitHashKey, data)));
        }
        return new Decoded(Kind.AGGREGATED, records);
    }

    /** The user records of data that starts with the magic; null when it is not a well-formed aggregate. */
    private static List<UserRecord> tryDecode(byte[] data) {
        if (data.length <= MAGIC.length + DIGEST_BYTES) {
            return null;
        }
        int protobufEnd = data.length - DIGEST_BYTES;
        MessageDigest md5 = md5();
        md5.update(data, MAGIC.length, protobufEnd - MAGIC.length);
        if (!Arrays.equals(md5.digest(), 0, DIGEST_BYTES, data, protobufEnd, data.length)) {
            return null;
        }
        try {
            return parseAggregatedRecord(new Reader(data, MAGIC.length, protobufEnd));
        } catch (MalformedException e) {
            return null;
        }
    }

    private static List<UserRecord> parseAggregatedRecord(Reader in) throws MalformedException {
        List<String> partitionKeys = new ArrayList<>();
        List<String> explicitHashKeys = new ArrayList<>();
        List<long[]> indexes = new ArrayList<>();
        List<byte[]> datas = new ArrayList<>();
        while (in.hasMore()) {
            int tag = in.readTag();
            int field = tag >>> 3;
            int wireType = tag & 7;
            if (field == AGGREGATED_PARTITION_KEY_TABLE && wireType == ProtobufWire.LENGTH_DELIMITED) {
                partitionKeys.add(in.readString());
            } else if (field == AGGREGATED_EXPLICIT_HASH_KEY_TABLE && wireType == ProtobufWire.LENGTH_DELIMITED) {
                explicitHashKeys.add(in.readString());
            } else if (field == AGGREGATED_RECORDS && wireType == ProtobufWire.LENGTH_DELIMITED) {
                long[] keyIndexes = {-1, -1};
                datas.add(parseRecord(in.readLengthDelimited(), keyIndexes));
                indexes.add(keyIndexes);
            } else if (field <= AGGREGATED_RECORDS) {
                throw new MalformedException("field " + field + " has wire type " + wireType);
            } else {
                in.skip(wireType);
            }
        }
        // The tables may legally follow the records on the wire, so indexes are resolved once all is read.
        List<UserRecord> records = new ArrayList<>(datas.size());
        for (int i = 0; i < datas.size(); i++) {
            long pk = indexes.get(i)[0];
            long ehk = indexes.get(i)[1];
            if (pk < 0 || pk >= partitionKeys.size()) {
                throw new MalformedException("partition key index " + pk + " outside the table");
            }
            if (ehk != -1 && (ehk < 0 || ehk >= explicitHashKeys.size())) {
                throw new MalformedException("explicit hash key index " + ehk + " outside the table");
            }
            records.add(new UserRecord(partitionKeys.get((int) pk),
                    ehk == -1 ? null : explicitHashKeys.get((int) ehk), datas.get(i)));
        }
        return records;
    }

    /** Parses a Record into its data; {@code keyIndexes} receives the two indexes (-1 when absent). */
    private static byte[] parseRecord(Reader in, long[] keyIndexes) throws MalformedException {
        boolean hasPartitionKeyIndex = false;
        byte[] data = null;
        while (in.hasMore()) {
            int tag = in.readTag();
            int field = tag >>> 3;
            int wireType = tag & 7;
            if (field == RECORD_PARTITION_KEY_INDEX && wireType == ProtobufWire.VARINT) {
                keyIndexes[0] = in.readVarint();
                hasPartitionKeyIndex = true;
            } else if (field == RECORD_EXPLICIT_HASH_KEY_INDEX && wireType == ProtobufWire.VARINT) {
                keyIndexes[1] = in.readVarint();
                if (keyIndexes[1] == -1) {
                    throw new MalformedException("explicit hash key index out of range");
                }
            } else if (field == RECORD_DATA && wireType == ProtobufWire.LENGTH_DELIMITED) {
                data = in.readBytes();
            } else if (field == RECORD_TAGS && wireType == ProtobufWire.LENGTH_DELIMITED) {
                checkTag(in.readLengthDelimited());
            } else if (field <= RECORD_TAGS) {
                throw new MalformedException("field " + field + " has wire type " + wireType);
            } else {
                in.skip(wireType);
            }
        }
        // proto2 required fields: protobuf-java (and so the KCL) rejects a Record without them.
        if (!hasPartitionKeyIndex || data == null) {
            throw new MalformedException("a Record lacks partition_key_index or data");
        }
        return data;
    }

    private static void checkTag(Reader in) throws MalformedException {
        boolean hasKey = false;
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag >>> 3 == TAG_KEY && (tag & 7) == ProtobufWire.LENGTH_DELIMITED) {
                in.readLengthDelimited();
                hasKey = true;
            } else {
                in.skip(tag & 7);
            }
        }
        if (!hasKey) {
            throw new MalformedException("a Tag lacks its key");
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has MD5", e);
        }
    }

    /**
     * Packs user records into one aggregate while it stays within a size limit (by default Kinesis's 1 MiB on data
     * plus partition key), counting exactly: magic + protobuf + digest + the aggregate's partition key, which is
     * the first user record's. Typical use:
     *
     * <pre>{@code
     * if (!aggregator.tryAdd(record)) {
     *     put(aggregator.drain());
     *     aggregator.add(record);   // fits an empty aggregator, or throws
     * }
     * }</pre>
     *
     * Not thread-safe.
     */
    public static final class Aggregator {

        private final int maxBytes;
        private final Map<String, Integer> partitionKeyIndexes = new HashMap<>();
        private final Map<String, Integer> explicitHashKeyIndexes = new HashMap<>();
        private final List<String> partitionKeys = new ArrayList<>();
        private final List<String> explicitHashKeys = new ArrayList<>();
        private final List<UserRecord> records = new ArrayList<>();
        private int protobufBytes;

        /** An aggregator for Kinesis's limit, {@link #MAX_RECORD_BYTES}. */
        public Aggregator() {
            this(MAX_RECORD_BYTES);
        }

        /** An aggregator for a smaller limit (e.g. to leave room in a PutRecords batch). */
        public Aggregator(int maxBytes) {
            if (maxBytes <= MAGIC.length + DIGEST_BYTES) {
                throw new IllegalArgumentException("maxBytes must exceed " + (MAGIC.length + DIGEST_BYTES)
                        + ", the magic and digest alone; got " + maxBytes);
            }
            this.maxBytes = maxBytes;
        }

        /** User records added since the last {@link #drain()}. */
        public int count() {
            return records.size();
        }

        public boolean isEmpty() {
            return records.isEmpty();
        }

        /** The size of the aggregate as it stands: data plus partition key, in bytes; 0 when empty. */
        public int sizeBytes() {
            return records.isEmpty() ? 0 : sizeWith(protobufBytes, records.get(0).partitionKey());
        }

        /** The size {@link #sizeBytes()} would have with {@code record} added. */
        public int sizeBytesWith(UserRecord record) {
            String outerKey = records.isEmpty() ? record.partitionKey() : records.get(0).partitionKey();
            return sizeWith(protobufBytes + addedProtobufBytes(record), outerKey);
        }

        /** Whether {@code record} can be added without exceeding the limit. */
        public boolean fits(UserRecord record) {
            return sizeBytesWith(record) <= maxBytes;
        }

        /** Adds {@code record} if it fits; returns whether it did. */
        public boolean tryAdd(UserRecord record) {
            if (!fits(record)) {
                return false;
            }
            append(record);
            return true;
        }

        /**
         * Adds {@code record}, which must fit.
         *
         * @throws IllegalArgumentException if it does not fit even an empty aggregator (it is too big to aggregate)
         * @throws IllegalStateException if it does not fit what is already aggregated ({@link #drain()} first)
         */
        public void add(UserRecord record) {
            if (fits(record)) {
                append(record);
                return;
            }
            if (records.isEmpty()) {
                throw new IllegalArgumentException("A user record with partition key '" + record.partitionKey()
                        + "' and " + record.data.length + " bytes of data needs " + sizeBytesWith(record)
                        + " bytes aggregated, more than the limit of " + maxBytes + " bytes");
            }
            throw new IllegalStateException("The aggregate holds " + sizeBytes() + " bytes; the record would make it "
                    + sizeBytesWith(record) + ", more than the limit of " + maxBytes + " bytes: drain() first");
        }

        /** Returns the aggregate of everything added and starts a new, empty one. */
        public Aggregate drain() {
            if (records.isEmpty()) {
                throw new IllegalStateException("Nothing to drain: no user record was added");
            }
            UserRecord first = records.get(0);
            Aggregate aggregate = new Aggregate(first.partitionKey(), first.explicitHashKey(), encodeData(),
                    records.size());
            partitionKeyIndexes.clear();
            explicitHashKeyIndexes.clear();
            partitionKeys.clear();
            explicitHashKeys.clear();
            records.clear();
            protobufBytes = 0;
            return aggregate;
        }

        private static int sizeWith(int protobuf, String outerPartitionKey) {
            long size = (long) MAGIC.length + protobuf + DIGEST_BYTES
                    + outerPartitionKey.getBytes(StandardCharsets.UTF_8).length;
            return (int) Math.min(Integer.MAX_VALUE, size);
        }

        private int addedProtobufBytes(UserRecord record) {
            int added = 0;
            Integer pkIndex = partitionKeyIndexes.get(record.partitionKey());
            if (pkIndex == null) {
                pkIndex = partitionKeys.size();
                added += ProtobufWire.lengthDelimitedFieldSize(utf8Length(record.partitionKey()));
            }
            int recordBytes = 1 + ProtobufWire.varintSize(pkIndex);
            if (record.hasExplicitHashKey()) {
                Integer ehkIndex = explicitHashKeyIndexes.get(record.explicitHashKey());
                if (ehkIndex == null) {
                    ehkIndex = explicitHashKeys.size();
                    added += ProtobufWire.lengthDelimitedFieldSize(utf8Length(record.explicitHashKey()));
                }
                recordBytes += 1 + ProtobufWire.varintSize(ehkIndex);
            }
            recordBytes += ProtobufWire.lengthDelimitedFieldSize(record.data.length);
            return added + ProtobufWire.lengthDelimitedFieldSize(recordBytes);
        }

        private void append(UserRecord record) {
            protobufBytes += addedProtobufBytes(record);
            if (!partitionKeyIndexes.containsKey(record.partitionKey())) {
                partitionKeyIndexes.put(record.partitionKey(), partitionKeys.size());
                partitionKeys.add(record.partitionKey());
            }
            if (record.hasExplicitHashKey() && !explicitHashKeyIndexes.containsKey(record.explicitHashKey())) {
                explicitHashKeyIndexes.put(record.explicitHashKey(), explicitHashKeys.size());
                explicitHashKeys.add(record.explicitHashKey());
            }
            records.add(record);
        }

        /** Magic + protobuf + MD5 of the protobuf. */
        private byte[] encodeData() {
            ByteArrayOutputStream protobuf = new ByteArrayOutputStream(protobufBytes);
            for (String key : partitionKeys) {
                ProtobufWire.writeStringField(protobuf, AGGREGATED_PARTITION_KEY_TABLE, key);
            }
            for (String key : explicitHashKeys) {
                ProtobufWire.writeStringField(protobuf, AGGREGATED_EXPLICIT_HASH_KEY_TABLE, key);
            }
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            for (UserRecord record : records) {
                one.reset();
                ProtobufWire.writeVarintField(one, RECORD_PARTITION_KEY_INDEX,
                        partitionKeyIndexes.get(record.partitionKey()));
                if (record.hasExplicitHashKey()) {
                    ProtobufWire.writeVarintField(one, RECORD_EXPLICIT_HASH_KEY_INDEX,
                            explicitHashKeyIndexes.get(record.explicitHashKey()));
                }
                ProtobufWire.writeBytesField(one, RECORD_DATA, record.data);
                ProtobufWire.writeBytesField(protobuf, AGGREGATED_RECORDS, one.toByteArray());
            }
            byte[] body = protobuf.toByteArray();
            if (body.length != protobufBytes) {
                throw new IllegalStateException("size accounting is off: counted " + protobufBytes + ", wrote "
                        + body.length);
            }
            byte[] out = new byte[MAGIC.length + body.length + DIGEST_BYTES];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            System.arraycopy(body, 0, out, MAGIC.length, body.length);
            System.arraycopy(md5().digest(body), 0, out, MAGIC.length + body.length, DIGEST_BYTES);
            return out;
        }

        private static int utf8Length(String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
