package io.sluice.core.engine;

import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordResult;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.PutRecordsResultEntry;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.InternalFailureException;
import io.sluice.core.error.ErrorKind;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.KinesisException;
import io.sluice.core.error.ProvisionedThroughputExceededException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.hash.HashKey;
import io.sluice.core.hash.HashKeys;
import io.sluice.core.seq.ShardSequenceNumbers;
import io.sluice.core.storage.Appended;
import io.sluice.core.storage.PendingAppend;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import io.sluice.core.stream.ShardRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PutRecord and PutRecords: validation of Kinesis's record and batch limits, routing by hash key, per-shard
 * throughput admission, and appends (one log batch per shard per call).
 *
 * <p>In PutRecords an entry refused by its shard's throughput limit fails alone, with
 * {@code ProvisionedThroughputExceededException} and AWS's message; an entry whose shard cannot be written (a full
 * disk, a shard out of service) fails alone with {@code InternalFailure} and a message naming the shard and the
 * cause ({@link StorageErrors}); the other entries are written. PutRecord answers those faults with
 * {@code ServiceUnavailableException} or {@code InternalFailureException}. A stream out of service refuses the whole
 * request. Thread-safe
 * and lock-free itself: the only locks taken are the per-shard append locks.
 */
public final class RecordWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    public static final int MAX_BATCH_ENTRIES = 500;
    public static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    private static final int MAX_ROUTE_ATTEMPTS = 100;
    private static final Pattern SEQUENCE_FOR_ORDERING = Pattern.compile("0|([1-9]\\d{0,128})");

    private final StreamRegistry registry;
    private final String account;

    public RecordWriter(StreamRegistry registry) {
        this.registry = registry;
        this.account = registry.config().accountId();
    }

    public PutRecordResult putRecord(PutRecordRequest request) {
        long size = checkEntry(-1, request.partitionKey(), request.data());
        HashKey hashKey = hashKey(request.partitionKey(), request.explicitHashKey());
        if (request.sequenceNumberForOrdering() != null
                && !SEQUENCE_FOR_ORDERING.matcher(request.sequenceNumberForOrdering()).matches()) {
            throw Validation.error("sequenceNumberForOrdering", request.sequenceNumberForOrdering(),
                    "satisfy regular expression pattern: " + SEQUENCE_FOR_ORDERING.pattern());
        }
        LiveStream stream = registry.resolveForData(request.stream());
        stream.checkInService();
        List<Shard.Pending> one = List.of(new Shard.Pending(request.partitionKey(), request.data(),
                request.explicitHashKey()));
        for (int attempt = 0; attempt < MAX_ROUTE_ATTEMPTS; attempt++) {
            Shard shard = stream.router().route(hashKey);
            if (!shard.throttle().tryAdmitWrite(size)) {
                shard.markHot();
                shard.counters().writeThrottled(1);
                throw new ProvisionedThroughputExceededException(Messages.rateExceeded(shard.id(), stream.name(), account));
            }
            try {
                Appended appended = shard.append(one);
                if (appended != null) {
                    shard.counters().written(1, size);
                    return new PutRecordResult(shard.id(), sequences(stream, shard).encode(appended.firstOffset()),
                            stream.metadata().encryptionType());
                }
            } catch (IOException e) {
                KinesisException storage = StorageErrors.ofAppend(e, shard.id(), stream.name());
                throw goneOr(stream, storage != null ? storage
                        : new UncheckedIOException("appending to " + shard.id() + " of stream " + stream.name(), e));
            }
        }
        throw new IllegalStateException("stream " + stream.name() + " kept resharding under a PutRecord");
    }

    public PutRecordsResult putRecords(StreamRef ref, List<PutRecordsEntry> entries) {
        Validation.required("records", entries);
        if (entries.isEmpty()) {
            throw Validation.error("records", "[]", "have length greater than or equal to 1");
        }
        if (entries.size() > MAX_BATCH_ENTRIES) {
            throw Validation.error("records", "[" + entries.size() + " entries]", "have length less than or equal to " + MAX_BATCH_ENTRIES);
        }
        int n = entries.size();
        long total = 0;
        long[] sizes = new long[n];
        HashKey[] hashKeys = new HashKey[n];
        for (int i = 0; i < n; i++) {
            PutRecordsEntry e = entries.get(i);
            sizes[i] = checkEntry(i, e.partitionKey(), e.data());
            total += sizes[i];
            hashKeys[i] = hashKey(e.partitionKey(), e.explicitHashKey());
        }
        if (total > MAX_BATCH_BYTES) {
            throw new InvalidArgumentException("Records size exceeds 5 MB limit: the " + n
                    + " records total " + total + " bytes (data + partition keys), more than " + MAX_BATCH_BYTES + ".");
        }
        LiveStream stream = registry.resolveForData(ref);
        stream.checkInService();
        PutRecordsResultEntry[] results = new PutRecordsResultEntry[n];
        int[] pending = new int[n];
        for (int i = 0; i < n; i++) {
            pending[i] = i;
        }
        for (int attempt = 0; pending.length > 0; attempt++) {
            if (attempt >= MAX_ROUTE_ATTEMPTS) {
                throw new IllegalStateException("stream " + stream.name() + " kept resharding under a PutRecords");
            }
            pending = appendRouted(stream, entries, hashKeys, sizes, pending, results, attempt == 0);
        }
        int failed = 0;
        for (PutRecordsResultEntry r : results) {
            failed += r.failed() ? 1 : 0;
        }
        // A read-only view rather than List.of's copy: nothing else holds the array.
        return new PutRecordsResult(failed, Collections.unmodifiableList(Arrays.asList(results)),
                stream.metadata().encryptionType());
    }

    /**
     * Appends the entries at {@code indexes} (ascending) shard by shard; returns the indexes, ascending, of those
     * whose shard closed meanwhile (to route again).
     */
    private int[] appendRouted(LiveStream stream, List<PutRecordsEntry> entries, HashKey[] hashKeys, long[] sizes,
                               int[] indexes, PutRecordsResultEntry[] results, boolean admit) {
        ShardRouter router = stream.router();
        ShardGroups byShard = new ShardGroups();
        for (int i : indexes) {
            Shard shard = router.route(hashKeys[i]);
            if (admit && !shard.throttle().tryAdmitWrite(sizes[i])) {
                shard.markHot();
                shard.counters().writeThrottled(1);
                results[i] = new PutRecordsResultEntry(null, null, ErrorKind.PROVISIONED_THROUGHPUT_EXCEEDED.typeName(),
                        Messages.rateExceeded(shard.id(), stream.name(), account));
                continue;
            }
            byShard.add(shard, i);
        }
        // Every shard's records are sent before any is waited for: a storage elsewhere (Kafka) carries them in one
        // round trip; a local log has appended each by the time send returns.
        List<ShardGroups.Group> groups = byShard.groups();
        PendingAppend[] sent = new PendingAppend[groups.size()];
        int[] again = new int[0];
        for (int g = 0; g < sent.length; g++) {
            ShardGroups.Group group = groups.get(g);
            try {
                sent[g] = group.shard().send(new EntryBatch(entries, group.entries()));
                if (sent[g] == null) {
                    again = concat(again, group.entries());
                }
            } catch (IOException e) {
                failed(stream, group, e, results);
            }
        }
        for (int g = 0; g < sent.length; g++) {
            ShardGroups.Group group = groups.get(g);
            if (sent[g] == null) {
                continue;
            }
            try {
                Appended appended = group.shard().await(sent[g]);
                int landed = appended == null ? 0 : appended.count();
                if (landed > 0) {
                    landed(stream, group, appended, sizes, results);
                }
                if (landed < group.entries().length) { // the shard closed under them: the rest go to its children
                    again = concat(again, Arrays.copyOfRange(group.entries(), landed, group.entries().length));
                }
            } catch (IOException e) {
                failed(stream, group, e, results);
            }
        }
        Arrays.sort(again);
        return again;
    }

    /** Fills the results of the group's entries that landed (the first {@code appended.count()}). */
    private void landed(LiveStream stream, ShardGroups.Group group, Appended appended, long[] sizes,
                        PutRecordsResultEntry[] results) {
        Shard shard = group.shard();
        int[] members = group.entries();
        int landed = appended.count();
        long bytes = 0;
        for (int k = 0; k < landed; k++) {
            bytes += sizes[members[k]];
        }
        shard.counters().written(landed, bytes);
        ShardSequenceNumbers sequences = sequences(stream, shard);
        for (int k = 0; k < landed; k++) {
            results[members[k]] = new PutRecordsResultEntry(shard.id(), sequences.encode(appended.offset(k)), null, null);
        }
    }

    private void failed(LiveStream stream, ShardGroups.Group group, IOException e, PutRecordsResultEntry[] results) {
        Shard shard = group.shard();
        if (stream.isRemoved()) {
            throw goneOr(stream, new UncheckedIOException(e));
        }
        KinesisException storage = StorageErrors.ofAppend(e, shard.id(), stream.name());
        String message = storage != null ? storage.getMessage() : "Internal service failure.";
        if (storage == null) {
            LOG.error("append of {} records to {} of stream {} failed", group.entries().length, shard.id(),
                    stream.name(), e);
        }
        for (int i : group.entries()) {
            results[i] = new PutRecordsResultEntry(null, null, InternalFailureException.ENTRY_ERROR_CODE, message);
        }
    }

    /** The entries at {@code members} of a PutRecords request, handed to {@link Shard#append} as they are. */
    private record EntryBatch(List<PutRecordsEntry> entries, int[] members) implements Shard.Batch {
        @Override
        public int size() {
            return members.length;
        }

        @Override
        public String partitionKey(int i) {
            return entries.get(members[i]).partitionKey();
        }

        @Override
        public byte[] data(int i) {
            return entries.get(members[i]).data();
        }

        @Override
        public String explicitHashKey(int i) {
            return entries.get(members[i]).explicitHashKey();
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A write that failed because the stream was deleted under it is ResourceNotFound, not an internal failure. */
    private RuntimeException goneOr(LiveStream stream, RuntimeException otherwise) {
        if (stream.isRemoved()) {
            return new ResourceNotFoundException(Messages.streamNotFound(stream.name(), account));
        }
        return otherwise;
    }

    /** The encoder of the shard's sequence numbers: built once per append, then only offsets are formatted. */
    private static ShardSequenceNumbers sequences(LiveStream stream, Shard shard) {
        return new ShardSequenceNumbers(stream.metadata().createdMs(), shard.index());
    }

    /**
     * Checks one record against Kinesis's limits and returns its size (data + UTF-8 partition key). {@code entry}
     * is its PutRecords position, or -1 for PutRecord; field names in messages are built only when a check fails,
     * as this runs for every entry.
     */
    private static long checkEntry(int entry, String partitionKey, byte[] data) {
        if (data == null) {
            throw Validation.error(field(entry, "data"), null, "not be null");
        }
        if (partitionKey == null || partitionKey.isEmpty() || partitionKey.length() > 256) {
            Validation.length(field(entry, "partitionKey"), partitionKey, 1, 256);
        }
        if (data.length > MAX_RECORD_BYTES) {
            throw Validation.error(field(entry, "data"), Validation.blobText(data.length),
                    "have length less than or equal to " + MAX_RECORD_BYTES);
        }
        long size = recordBytes(partitionKey, data);
        if (size > MAX_RECORD_BYTES) {
            throw new InvalidArgumentException("Record size of " + size + " bytes (data + partition key) at '"
                    + field(entry, "data") + "' exceeds the limit of " + MAX_RECORD_BYTES + " bytes.");
        }
        return size;
    }

    /** The request field of an entry: {@code records.N.member.name} in PutRecords, {@code name} in PutRecord. */
    private static String field(int entry, String name) {
        return entry < 0 ? name : "records." + (entry + 1) + ".member." + name;
    }

    private static HashKey hashKey(String partitionKey, String explicitHashKey) {
        if (explicitHashKey == null) {
            return HashKeys.keyOf(partitionKey);
        }
        HashKey key = HashKey.parseDecimal(explicitHashKey);
        if (key == null) {
            throw new InvalidArgumentException(
                    "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                            + explicitHashKey);
        }
        return key;
    }

    static long recordBytes(String partitionKey, byte[] data) {
        return (long) data.length + Utf8.length(partitionKey);
    }
}
