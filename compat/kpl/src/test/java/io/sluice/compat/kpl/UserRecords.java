package io.sluice.compat.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The records the tests put through the KPL: many partition keys, records of a key interleaved with other keys',
 * every {@value #LARGE_EVERY}th record tens of KB, and every {@value #EXPLICIT_EVERY}th key sent with an explicit
 * hash key that points at another shard than its partition key's MD5 would. Data is seeded random bytes behind a
 * readable {@code key:n:} prefix, so a comparison is byte for byte and a failure message still names the record.
 */
final class UserRecords {

    static final int LARGE_EVERY = 23;
    static final int EXPLICIT_EVERY = 5;

    private UserRecords() {
    }

    /** One user record as put: {@code explicitHashKey} is null when the partition key's hash decides. */
    record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {

        /** The 128-bit hash key Kinesis places the record by. */
        BigInteger hashKey() {
            return explicitHashKey != null ? new BigInteger(explicitHashKey) : md5(partitionKey);
        }

        /** What a consumer gets back of it. */
        Delivered delivered() {
            return new Delivered(partitionKey, data);
        }
    }

    /** A user record as a consumer sees it; equal when key and data are byte for byte equal. */
    record Delivered(String partitionKey, byte[] data) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Delivered that && partitionKey.equals(that.partitionKey)
                    && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return partitionKey.hashCode() * 31 + Arrays.hashCode(data);
        }

        /** The record's {@code key:n} label and its size, e.g. {@code key-3:7 (20345 bytes)}. */
        @Override
        public String toString() {
            String head = new String(data, 0, Math.min(data.length, 32), StandardCharsets.ISO_8859_1);
            int first = head.indexOf(':');
            int second = first < 0 ? -1 : head.indexOf(':', first + 1);
            String label = second < 0 ? partitionKey + " ?" : head.substring(0, second);
            return label + " (" + data.length + " bytes)";
        }
    }

    /**
     * {@code perKey} records for each of {@code keys} keys, in put order (key 0's first, key 1's first, ...), for a
     * stream whose open shards are {@code shards}.
     */
    static List<UserRecord> generate(int keys, int perKey, List<Shard> shards, long seed) {
        Random random = new Random(seed);
        List<UserRecord> records = new ArrayList<>();
        for (int n = 0; n < perKey; n++) {
            for (int k = 0; k < keys; k++) {
                String key = "key-" + k;
                String explicitHashKey = k % EXPLICIT_EVERY == 0 ? elsewhere(md5(key), shards).toString() : null;
                int size = records.size() % LARGE_EVERY == 0 ? 20_000 + random.nextInt(30_000) : 1 + random.nextInt(300);
                records.add(new UserRecord(key, explicitHashKey, data(key + ":" + n + ":", size, random)));
            }
        }
        return records;
    }

    /**
     * Asserts that {@code received} holds exactly the records {@code sent}, byte for byte, each once (in any order:
     * the KPL does not promise to write records in the order they were added, see the module README).
     */
    static void assertSameRecords(List<Delivered> received, List<UserRecord> sent) {
        Map<String, List<Delivered>> expected = byKey(delivered(sent));
        Map<String, List<Delivered>> actual = byKey(received);
        assertThat(actual.keySet()).as("partition keys received").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, records) -> assertThat(actual.get(key))
                .as("records of %s, byte for byte, each once", key).containsExactlyInAnyOrderElementsOf(records));
    }

    /** The records per partition key, each key's in the order given. */
    static Map<String, List<Delivered>> byKey(List<Delivered> records) {
        Map<String, List<Delivered>> byKey = new LinkedHashMap<>();
        records.forEach(r -> byKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>()).add(r));
        return byKey;
    }

    private static List<Delivered> delivered(List<UserRecord> records) {
        return records.stream().map(UserRecord::delivered).toList();
    }

    /** The shard whose hash key range holds {@code hashKey}. */
    static Shard shardOf(BigInteger hashKey, List<Shard> shards) {
        return shards.stream()
                .filter(s -> new BigInteger(s.hashKeyRange().startingHashKey()).compareTo(hashKey) <= 0
                        && new BigInteger(s.hashKeyRange().endingHashKey()).compareTo(hashKey) >= 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no shard holds hash key " + hashKey + " in " + shards));
    }

    static BigInteger md5(String partitionKey) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hash key in the middle of the shard after the one holding {@code hashKey}. */
    private static BigInteger elsewhere(BigInteger hashKey, List<Shard> shards) {
        Shard home = shardOf(hashKey, shards);
        Shard other = shards.get((shards.indexOf(home) + 1) % shards.size());
        BigInteger start = new BigInteger(other.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(other.hashKeyRange().endingHashKey());
        return start.add(end).shiftRight(1);
    }

    private static byte[] data(String prefix, int size, Random random) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[Math.max(size, head.length)];
        random.nextBytes(data);
        System.arraycopy(head, 0, data, 0, head.length);
        return data;
    }
}
