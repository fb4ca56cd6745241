package io.sluice.connect.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The connector's source partitions and offsets, and nothing else touches their keys.
 *
 * <pre>
 * partition {"stream": "orders", "shard": "shardId-000000000001"}
 * offset    {"sequence.number": "4963...0018"}                              the record and all before it are done
 * offset    {"sequence.number": "4963...0018", "sub.sequence.number": 3}    a KPL aggregate, done up to user record 3
 * </pre>
 *
 * Both maps keep the key order shown: Connect finds offsets by the partition's serialized bytes, so users altering
 * offsets through the REST API must write {@code stream} before {@code shard} too.
 *
 * <p>An offset without a sub-sequence number means the whole Kinesis record is done (resume after it); with one, the
 * aggregate still has user records after it (resume at it, skipping user records up to that index). Stateless and
 * thread-safe.
 */
public final class SourceOffsets {

    public static final String STREAM_KEY = "stream";
    public static final String SHARD_KEY = "shard";
    public static final String SEQUENCE_NUMBER_KEY = "sequence.number";
    public static final String SUB_SEQUENCE_NUMBER_KEY = "sub.sequence.number";

    private static final Pattern SEQUENCE_NUMBER = Pattern.compile("\\d{1,128}");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Set<String> PARTITION_KEYS = Set.of(STREAM_KEY, SHARD_KEY);
    private static final Set<String> OFFSET_KEYS = Set.of(SEQUENCE_NUMBER_KEY, SUB_SEQUENCE_NUMBER_KEY);

    private SourceOffsets() {
    }

    /**
     * A position in a shard: the last Kinesis record done, or, with {@code subSequenceNumber}, the last user record
     * done inside a KPL aggregate that has more.
     */
    public record Checkpoint(String sequenceNumber, OptionalLong subSequenceNumber) {
        public Checkpoint {
            if (!SEQUENCE_NUMBER.matcher(sequenceNumber).matches()) {
                throw new IllegalArgumentException("Not a sequence number: " + sequenceNumber);
            }
        }

        public static Checkpoint after(String sequenceNumber) {
            return new Checkpoint(sequenceNumber, OptionalLong.empty());
        }

        public static Checkpoint inAggregate(String sequenceNumber, long subSequenceNumber) {
            return new Checkpoint(sequenceNumber, OptionalLong.of(subSequenceNumber));
        }

        @Override
        public String toString() {
            return "sequence number " + sequenceNumber
                    + (midAggregate() ? " (user record " + subSequenceNumber.getAsLong() + ")" : "");
        }

        /** Whether the Kinesis record {@link #sequenceNumber()} is not yet completely done. */
        public boolean midAggregate() {
            return subSequenceNumber.isPresent();
        }
    }

    /**
     * The source partition of {@code shard}, always with {@value #STREAM_KEY} first. The order matters: Connect
     * stores offsets under the partition's serialized JSON, byte for byte, and {@code Map.of} iterates in an order
     * that differs from JVM to JVM — a restarted worker would then not find the offsets.
     */
    public static Map<String, String> toPartition(ShardRef shard) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put(STREAM_KEY, shard.stream());
        partition.put(SHARD_KEY, shard.shardId());
        return Collections.unmodifiableMap(partition);
    }

    public static ShardRef fromPartition(Map<String, ?> partition) {
        return new ShardRef((String) partition.get(STREAM_KEY), (String) partition.get(SHARD_KEY));
    }

    /** The offset of {@code checkpoint}, in a fixed key order (so it reads the same in every JVM). */
    public static Map<String, Object> toOffset(Checkpoint checkpoint) {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(SEQUENCE_NUMBER_KEY, checkpoint.sequenceNumber());
        checkpoint.subSequenceNumber().ifPresent(sub -> offset.put(SUB_SEQUENCE_NUMBER_KEY, sub));
        return Collections.unmodifiableMap(offset);
    }

    /** The checkpoint of a stored offset; empty for none ({@code null}). Assumes {@link #offsetErrors} is empty. */
    public static Optional<Checkpoint> fromOffset(Map<String, ?> offset) {
        if (offset == null) {
            return Optional.empty();
        }
        String sequenceNumber = (String) offset.get(SEQUENCE_NUMBER_KEY);
        Object sub = offset.get(SUB_SEQUENCE_NUMBER_KEY);
        return Optional.of(sub == null ? Checkpoint.after(sequenceNumber)
                : Checkpoint.inAggregate(sequenceNumber, ((Number) sub).longValue()));
    }

    /**
     * Checks a user-supplied partition and offset (for {@code alterOffsets}).
     *
     * @throws ConnectException naming the partition, the key and what is wrong with it
     */
    public static void validate(Map<String, ?> partition, Map<String, ?> offset) {
        List<String> problems = new ArrayList<>(partitionErrors(partition));
        if (problems.isEmpty() && offset != null) {
            problems.addAll(offsetErrors(offset));
        }
        if (!problems.isEmpty()) {
            throw new ConnectException("Invalid offset for source partition " + describePartition(partition)
                    + ": " + String.join("; ", problems));
        }
    }

    static List<String> partitionErrors(Map<String, ?> partition) {
        List<String> problems = new ArrayList<>();
        if (partition == null) {
            return List.of("the partition must be an object with the keys " + STREAM_KEY + " and " + SHARD_KEY);
        }
        for (String key : partition.keySet()) {
            if (!PARTITION_KEYS.contains(key)) {
                problems.add("unknown partition key '" + key + "' (the keys are " + STREAM_KEY + " and "
                        + SHARD_KEY + ")");
            }
        }
        checkName(partition, STREAM_KEY, "a stream name", problems);
        checkName(partition, SHARD_KEY, "a shard id such as shardId-000000000000", problems);
        return problems;
    }

    static List<String> offsetErrors(Map<String, ?> offset) {
        List<String> problems = new ArrayList<>();
        for (String key : offset.keySet()) {
            if (!OFFSET_KEYS.contains(key)) {
                problems.add("unknown offset key '" + key + "' (the keys are " + SEQUENCE_NUMBER_KEY + " and, "
                        + "inside a KPL aggregate, " + SUB_SEQUENCE_NUMBER_KEY + ")");
            }
        }
        Object sequenceNumber = offset.get(SEQUENCE_NUMBER_KEY);
        if (!(sequenceNumber instanceof String s && SEQUENCE_NUMBER.matcher(s).matches())) {
            problems.add(SEQUENCE_NUMBER_KEY + " must be a string of 1 to 128 digits (a Kinesis sequence number), "
                    + "got " + describe(sequenceNumber));
        }
        Object sub = offset.get(SUB_SEQUENCE_NUMBER_KEY);
        if (sub != null && !((sub instanceof Long || sub instanceof Integer || sub instanceof Short
                || sub instanceof Byte) && ((Number) sub).longValue() >= 0)) {
            problems.add(SUB_SEQUENCE_NUMBER_KEY + " must be a whole number of at least 0, got " + describe(sub));
        }
        return problems;
    }

    private static void checkName(Map<String, ?> partition, String key, String what, List<String> problems) {
        Object value = partition.get(key);
        if (!(value instanceof String s && NAME.matcher(s).matches())) {
            problems.add(key + " must be " + what + " (1 to 128 of a-z A-Z 0-9 _ . -), got " + describe(value));
        }
    }

    /** The partition with its known keys first, in a stable order (the REST layer's maps have none). */
    private static String describePartition(Map<String, ?> partition) {
        if (partition == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("{");
        List<String> keys = new ArrayList<>(List.of(STREAM_KEY, SHARD_KEY));
        partition.keySet().stream().filter(k -> !PARTITION_KEYS.contains(k)).sorted().forEach(keys::add);
        for (String key : keys) {
            if (partition.containsKey(key)) {
                text.append(text.length() > 1 ? ", " : "").append(key).append('=').append(partition.get(key));
            }
        }
        return text.append('}').toString();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String s ? "'" + s + "'" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
