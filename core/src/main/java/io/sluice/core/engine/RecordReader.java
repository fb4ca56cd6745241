package io.sluice.core.engine;

import io.sluice.core.api.ChildShard;
import io.sluice.core.api.GetRecordsResult;
import io.sluice.core.api.GetShardIteratorRequest;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.ExpiredIteratorException;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.ProvisionedThroughputExceededException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.iterator.IteratorCodec;
import io.sluice.core.iterator.ShardPosition;
import io.sluice.core.log.LogReadResult;
import io.sluice.core.log.LogRecord;
import io.sluice.core.meta.ShardMetadata;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.meta.StreamStatus;
import io.sluice.core.seq.SequenceNumber;
import io.sluice.core.seq.ShardSequenceNumbers;
import io.sluice.core.stream.LiveStream;
import io.sluice.core.stream.Shard;
import io.sluice.core.stream.ShardIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * GetShardIterator, GetRecords and waiting for records.
 *
 * <p>An iterator is a signed {@link ShardPosition} (see {@link IteratorCodec}); positions are log offsets, so a
 * read is one {@code ShardLog.read}. Records older than the retention period are never returned, even before
 * retention has deleted their segment: the trim horizon is the first offset whose timestamp is within
 * retention. Thread-safe; no locks besides the per-shard throttle's.
 */
public final class RecordReader {

    public static final long ITERATOR_TTL_MS = 300_000;
    public static final int MAX_LIMIT = 10_000;
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final StreamRegistry registry;
    private final IteratorCodec codec;
    private final String account;

    public RecordReader(StreamRegistry registry, IteratorCodec codec) {
        this.registry = registry;
        this.codec = codec;
        this.account = registry.config().accountId();
    }

    public String getShardIterator(GetShardIteratorRequest request) {
        ShardIteratorType type = Validation.required("shardIteratorType", request.type());
        Validation.required("shardId", request.shardId());
        // AWS names the shard whatever is missing: an id that names no index as sent, before looking at the stream;
        // a missing stream, or a shard it does not have, by the id's canonical form.
        OptionalInt index = ShardIds.parse(request.shardId());
        if (index.isEmpty()) {
            throw new ResourceNotFoundException(Messages.shardNotFound(request.shardId(),
                    registry.nameOf(request.stream()), account));
        }
        String shardId = ShardIds.format(index.getAsInt());
        LiveStream stream;
        try {
            stream = registry.resolveForData(request.stream());
        } catch (ResourceNotFoundException noStream) {
            throw new ResourceNotFoundException(Messages.shardDoesNotExist(shardId, registry.nameOf(request.stream()),
                    account));
        }
        StreamMetadata meta = stream.metadata();
        Shard shard = stream.shard(index.getAsInt());
        ShardMetadata shardMeta = meta.shard(index.getAsInt());
        if (shard == null || shardMeta == null) {
            throw new ResourceNotFoundException(Messages.shardDoesNotExist(shardId, meta.name(), account));
        }
        long now = registry.config().clock().millis();
        String seq = request.startingSequenceNumber();
        checkStartingPosition(type, seq, request.timestampMs(), now);
        if (!shard.throttle().tryAdmitIterator()) {
            throw new ProvisionedThroughputExceededException(Messages.rateExceeded(shardId, meta.name(), account));
        }
        long offset = startingOffset("GetShardIterator", meta, shard, shardMeta, type, seq, request.timestampMs());
        return codec.encode(new ShardPosition(meta.name(), meta.createdMs(), shard.index(), offset, now));
    }

    /** The rules on a starting position's parts, as Kinesis words them. */
    void checkStartingPosition(ShardIteratorType type, String seq, Long timestampMs, long now) {
        boolean needsSeq = type == ShardIteratorType.AT_SEQUENCE_NUMBER || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        if (needsSeq != (seq != null)) {
            throw new InvalidArgumentException("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER"
                    + " and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. "
                    + "Request specified " + type + " and " + (seq == null ? "no" : "also a") + " StartingSequenceNumber.");
        }
        if (type == ShardIteratorType.AT_TIMESTAMP) {
            if (timestampMs == null) {
                throw new InvalidArgumentException("Must specify timestampInMillis parameter for iterator of type "
                        + "AT_TIMESTAMP. Current request has no timestamp parameter.");
            }
            if (timestampMs > now) {
                throw new InvalidArgumentException("The timestampInMillis parameter cannot be greater than the "
                        + "currentTimestampInMillis. timestampInMillis: " + timestampMs
                        + ", currentTimestampInMillis: " + now);
            }
        }
    }

    /** The offset a reader starting at this (checked) position reads first; never past a closed shard's end. */
    long startingOffset(String operation, StreamMetadata meta, Shard shard, ShardMetadata shardMeta,
                        ShardIteratorType type, String seq, Long timestampMs) {
        String shardId = ShardIds.format(shard.index());
        try {
            long offset = switch (type) {
                case TRIM_HORIZON -> trimHorizon(meta, shard);
                case LATEST -> shardMeta.endOffset() == null ? shard.log().endOffset() : shardMeta.endOffset();
                case AT_TIMESTAMP -> Math.max(trimHorizon(meta, shard), shard.log().offsetForTimestamp(timestampMs));
                case AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER -> {
                    long at = decodeFor(operation, meta, shardId, shard.index(), seq).offset();
                    long end = shardMeta.endOffset() == null ? shard.log().endOffset() : shardMeta.endOffset();
                    if (at >= end) { // as Kinesis: a number no record of the shard has yet is refused, not waited for
                        throw new InvalidArgumentException("StartingSequenceNumber " + seq + " used in "
                                + operation + " on shard " + shardId + " in stream " + meta.name() + " under account "
                                + account + " is invalid because the shard has no record with it yet.");
                    }
                    if (type == ShardIteratorType.AFTER_SEQUENCE_NUMBER && at < Long.MAX_VALUE) {
                        at++;
                    }
                    yield Math.max(trimHorizon(meta, shard), at);
                }
            };
            return shardMeta.endOffset() == null ? offset : Math.min(offset, shardMeta.endOffset());
        } catch (IOException e) {
            throw new UncheckedIOException("positioning in " + shardId + " of stream " + meta.name(), e);
        }
    }

    private SequenceNumber decodeFor(String operation, StreamMetadata meta, String shardId, int index, String text) {
        Optional<SequenceNumber> parsed = SequenceNumber.decode(text);
        if (parsed.isEmpty()) {
            throw new InvalidArgumentException("StartingSequenceNumber " + text + " used in " + operation + " on shard "
                    + shardId + " in stream " + meta.name() + " under account " + account + " is invalid.");
        }
        SequenceNumber seq = parsed.get();
        if (seq.shardIndex() != index) {
            throw new InvalidArgumentException("Invalid StartingSequenceNumber. It encodes "
                    + ShardIds.format((int) seq.shardIndex()) + ", while it was used in a call to a shard with " + shardId);
        }
        if (seq.streamCreatedMs() != meta.createdMs()) {
            throw new InvalidArgumentException("StartingSequenceNumber " + text + " used in " + operation + " on shard "
                    + shardId + " in stream " + meta.name() + " under account " + account
                    + " is invalid because it did not come from this stream.");
        }
        return seq;
    }

    /** The first offset still within retention. */
    long trimHorizon(StreamMetadata meta, Shard shard) throws IOException {
        long cutoff = registry.config().clock().millis() - meta.retentionHours() * 3_600_000L;
        return Math.max(shard.log().startOffset(), shard.log().offsetForTimestamp(cutoff));
    }

    public GetRecordsResult getRecords(String iterator, Integer limit) {
        Validation.required("shardIterator", iterator);
        Validation.length("shardIterator", iterator, 1, 512);
        int max = limit == null ? MAX_LIMIT : Validation.range("limit", limit, 1, MAX_LIMIT);
        long now = registry.config().clock().millis();
        ShardPosition pos = decodeIterator(iterator, now);
        LiveStream stream = registry.find(pos.streamName());
        Shard shard = stream == null ? null : stream.shard(pos.shardIndex());
        StreamMetadata meta = stream == null ? null : stream.metadata();
        ShardMetadata shardMeta = meta == null ? null : meta.shard(pos.shardIndex());
        String shardId = ShardIds.format(pos.shardIndex());
        if (shard == null || shardMeta == null || meta.createdMs() != pos.streamCreatedMs()
                || meta.status() == StreamStatus.DELETING) {
            throw new ResourceNotFoundException(Messages.shardDoesNotExist(shardId, pos.streamName(), account));
        }
        if (!shard.throttle().tryAdmitRead()) {
            shard.counters().readThrottled();
            throw new ProvisionedThroughputExceededException(Messages.rateExceeded(shardId, meta.name(), account));
        }
        try {
            ShardRead read = read(stream, shard, pos.offset(), max, registry.config().limits().maxBytesPerRead(), now);
            shard.throttle().chargeRead(read.bytes(), read.hitByteCap());
            shard.counters().readByGetRecords(read.records().size(), read.bytes(), read.millisBehindLatest());
            if (read.shardEnded()) {
                return new GetRecordsResult(read.records(), null, read.millisBehindLatest(), read.children());
            }
            String nextIterator = codec.encode(new ShardPosition(pos.streamName(), pos.streamCreatedMs(),
                    pos.shardIndex(), read.nextOffset(), now));
            return new GetRecordsResult(read.records(), nextIterator, read.millisBehindLatest(), List.of());
        } catch (IOException e) {
            if (stream.isRemoved() || stream.shard(pos.shardIndex()) == null) { // deleted, or removed by retention
                throw new ResourceNotFoundException(Messages.shardDoesNotExist(shardId, pos.streamName(), account));
            }
            throw new UncheckedIOException("reading " + shardId + " of stream " + meta.name(), e);
        }
    }

    /**
     * The newest records of a shard, for looking at a stream (the console's tail and pump preview): at most
     * {@code limit} of them, all after {@code afterSequenceNumber} when given (a reader polling for what is new), oldest
     * first, about {@code maxBytes} at most (at least one record). When more arrived than {@code limit}, the oldest of
     * them are left out: a look at a busy stream shows its latest records, not a backlog. Neither throttled nor counted
     * as GetRecords, so looking never slows a consumer.
     */
    public List<StreamRecord> newest(StreamRef streamRef, String shardId, String afterSequenceNumber, int limit,
                                     long maxBytes) {
        Validation.range("limit", limit, 1, MAX_LIMIT);
        LiveStream stream = registry.resolveForData(streamRef);
        StreamMetadata meta = stream.metadata();
        OptionalInt index = ShardIds.parse(shardId);
        Shard shard = index.isEmpty() ? null : stream.shard(index.getAsInt());
        if (shard == null) {
            throw new ResourceNotFoundException(Messages.shardNotFound(shardId, meta.name(), account));
        }
        long from = 0;
        if (afterSequenceNumber != null) {
            SequenceNumber after = SequenceNumber.decode(afterSequenceNumber)
                    .filter(seq -> seq.shardIndex() == shard.index() && seq.streamCreatedMs() == meta.createdMs())
                    .orElseThrow(() -> new InvalidArgumentException(afterSequenceNumber + " is not a sequence number of "
                            + shardId + " in stream " + meta.name() + "."));
            from = after.offset() + 1;
        }
        Long end = meta.shard(shard.index()).endOffset();
        long written = end != null ? end : shard.log().recentEndOffset();
        from = Math.max(from, written - limit);
        long now = registry.config().clock().millis();
        try {
            return read(stream, shard, Math.max(from, trimHorizon(meta, shard)), limit, maxBytes, now).records();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + shardId + " of stream " + meta.name(), e);
        }
    }

    /**
     * One read of up to {@code max} records and about {@code maxBytes} from {@code offset}, charging no throttle
     * (the caller does: the shared one for GetRecords, the consumer's own for enhanced fan-out).
     *
     * @param records            what was read; empty at the end of the shard or of what is written
     * @param nextOffset         where the next read starts
     * @param bytes              the records' bytes, to charge
     * @param hitByteCap         fewer records than asked because of the byte cap
     * @param millisBehindLatest how far the last record returned lags the shard's newest; 0 when caught up
     * @param shardEnded         the reader has reached the end of a closed shard; {@code children} lists its children
     */
    record ShardRead(List<StreamRecord> records, long nextOffset, long bytes, boolean hitByteCap,
                     long millisBehindLatest, boolean shardEnded, List<ChildShard> children) {
    }

    ShardRead read(LiveStream stream, Shard shard, long offset, int max, long maxBytes, long now) throws IOException {
        StreamMetadata meta = stream.metadata();
        ShardMetadata shardMeta = meta.shard(shard.index());
        Long end = shardMeta.endOffset();
        long cutoff = now - meta.retentionHours() * 3_600_000L;
        long from = Math.max(offset, shard.log().startOffset());
        LogReadResult read = end != null && from >= end ? null : shard.log().read(from, max, maxBytes);
        if (read != null && !read.records().isEmpty() && read.records().get(0).timestampMs() < cutoff) {
            // Expired records not yet deleted by retention: skip to the trim horizon (rare, so not on every read).
            from = Math.max(from, trimHorizon(meta, shard));
            read = end != null && from >= end ? null : shard.log().read(from, max, maxBytes);
        }
        if (read == null) {
            return new ShardRead(List.of(), from, 0, false, 0, true, ShardViews.children(meta, shard.index()));
        }
        List<StreamRecord> records = new ArrayList<>(read.records().size());
        ShardSequenceNumbers sequences = new ShardSequenceNumbers(meta.createdMs(), shard.index());
        long next = read.nextOffset();
        for (LogRecord r : read.records()) {
            if (end != null && r.offset() >= end) {
                next = end;
                break;
            }
            records.add(new StreamRecord(sequences.encode(r.offset()), r.timestampMs(), r.data(), r.partitionKey()));
        }
        // Cut by the byte cap: fewer records than asked although more exist, and too many bytes for one more
        // record to fit (the second test keeps a concurrent append from looking like a cut).
        long shardEnd = shard.log().recentEndOffset();
        boolean hitByteCap = read.records().size() < max && read.nextOffset() < shardEnd
                && read.bytes() > maxBytes - RecordWriter.MAX_RECORD_BYTES;
        long behind = 0;
        if (next < shardEnd && !records.isEmpty()) {
            behind = Math.max(0, now - records.get(records.size() - 1).approximateArrivalTimestampMs());
        }
        boolean ended = end != null && next >= end;
        return new ShardRead(records, next, read.bytes(), hitByteCap, behind, ended,
                ended ? ShardViews.children(meta, shard.index()) : List.of());
    }

    /**
     * A future completed as soon as a GetRecords with this iterator would return a record (or the end of a closed
     * shard); completed already when that is the case now. The waiting costs no thread: the shard completes the
     * future on its next append. Enhanced fan-out pushes from here.
     */
    public CompletableFuture<Void> awaitRecords(String iterator) {
        long now = registry.config().clock().millis();
        ShardPosition pos = decodeIterator(iterator, now);
        LiveStream stream = registry.find(pos.streamName());
        Shard shard = stream == null ? null : stream.shard(pos.shardIndex());
        if (shard == null || stream.metadata().createdMs() != pos.streamCreatedMs()) {
            throw new ResourceNotFoundException(Messages.shardDoesNotExist(ShardIds.format(pos.shardIndex()),
                    pos.streamName(), account));
        }
        return shard.awaitRecordAt(pos.offset());
    }

    private ShardPosition decodeIterator(String iterator, long now) {
        ShardPosition pos = codec.decode(iterator)
                .orElseThrow(() -> new InvalidArgumentException("Invalid ShardIterator."));
        if (now - pos.issuedAtMs() > ITERATOR_TTL_MS) {
            throw new ExpiredIteratorException("Iterator expired. The iterator was created at time "
                    + AMZ_DATE.format(Instant.ofEpochMilli(pos.issuedAtMs())) + " while right now it is "
                    + AMZ_DATE.format(Instant.ofEpochMilli(now)) + " which is further in the future than the "
                    + "tolerated delay of " + ITERATOR_TTL_MS + " milliseconds.");
        }
        return pos;
    }
}
