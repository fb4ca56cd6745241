package io.sluice.core;

import static io.sluice.core.EngineFixture.bytes;
import static io.sluice.core.EngineFixture.drain;
import static io.sluice.core.EngineFixture.iterator;
import static io.sluice.core.EngineFixture.put;
import static io.sluice.core.EngineFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.api.GetRecordsResult;
import io.sluice.core.api.GetShardIteratorRequest;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordResult;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.PutRecordsResultEntry;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.ExpiredIteratorException;
import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.ResourceNotFoundException;
import io.sluice.core.error.ValidationException;
import io.sluice.core.seq.SequenceNumber;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsTest {

    private static final String S0 = "shardId-000000000000";
    private static final StreamRef S = StreamRef.named("s");

    @TempDir
    Path dir;
    EngineFixture fx;
    StreamEngine engine;

    @BeforeEach
    void open() {
        fx = new EngineFixture(dir);
        engine = fx.open();
        engine.createStream("s", 3, null, null);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void partitionKeyRoutesByMd5ToTheShardOwningTheHash() {
        // md5("partitionkey") = 278942316422165464922406716631207443189, in the third of three ranges
        assertThat(put(engine, "s", "partitionkey", "x").shardId()).isEqualTo("shardId-000000000002");
        // md5("a") = 16955237001963240173058271559858726497, in the first
        assertThat(put(engine, "s", "a", "x").shardId()).isEqualTo(S0);
    }

    @Test
    void explicitHashKeyOverridesThePartitionKey() {
        PutRecordResult r = engine.putRecord(new PutRecordRequest(S, "partitionkey", bytes("x"),
                "113427455640312821154458202477256070485", null));
        assertThat(r.shardId()).isEqualTo("shardId-000000000001");
        assertThatThrownBy(() -> engine.putRecord(new PutRecordRequest(S, "k", bytes("x"),
                "340282366920938463463374607431768211456", null)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                        + "Specified value was 340282366920938463463374607431768211456");
    }

    @Test
    void sequenceNumbersStrictlyIncreaseWithinAShardAndRecordsReadBackInOrder() {
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fx.clock.advanceMillis(i % 2);
            seqs.add(put(engine, "s", "a", "r" + i).sequenceNumber());
        }
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(new BigInteger(seqs.get(i))).isGreaterThan(new BigInteger(seqs.get(i - 1)));
        }
        List<StreamRecord> read = drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null));
        assertThat(texts(read)).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "r" + i).toList());
        assertThat(read).extracting(StreamRecord::sequenceNumber).containsExactlyElementsOf(seqs);
        assertThat(read.get(0).partitionKey()).isEqualTo("a");
        assertThat(read.get(0).approximateArrivalTimestampMs()).isEqualTo(EngineFixture.START_MS);
    }

    @Test
    void iteratorTypesStartAtTheirPositions() {
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seqs.add(put(engine, "s", "a", "r" + i).sequenceNumber());
            fx.clock.advanceMillis(1000);
        }
        assertThat(texts(drain(engine, iterator(engine, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, seqs.get(2)))))
                .containsExactly("r2", "r3", "r4");
        assertThat(texts(drain(engine, iterator(engine, "s", S0, ShardIteratorType.AFTER_SEQUENCE_NUMBER, seqs.get(2)))))
                .containsExactly("r3", "r4");
        String atTime = engine.getShardIterator(new GetShardIteratorRequest(S, S0, ShardIteratorType.AT_TIMESTAMP, null,
                EngineFixture.START_MS + 1500));
        assertThat(texts(drain(engine, atTime))).containsExactly("r2", "r3", "r4");
        String latest = iterator(engine, "s", S0, ShardIteratorType.LATEST, null);
        assertThat(engine.getRecords(latest, null).records()).isEmpty();
        put(engine, "s", "a", "r5");
        assertThat(texts(engine.getRecords(latest, null).records())).containsExactly("r5");
    }

    @Test
    void getRecordsReturnsAtMostLimitAndANextIteratorThatContinues() {
        for (int i = 0; i < 7; i++) {
            put(engine, "s", "a", "r" + i);
        }
        GetRecordsResult first = engine.getRecords(iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null), 3);
        assertThat(texts(first.records())).containsExactly("r0", "r1", "r2");
        assertThat(first.nextShardIterator()).isNotNull().hasSizeLessThanOrEqualTo(512);
        assertThat(first.childShards()).isEmpty();
        GetRecordsResult second = engine.getRecords(first.nextShardIterator(), 10);
        assertThat(texts(second.records())).containsExactly("r3", "r4", "r5", "r6");
        assertThat(second.millisBehindLatest()).isZero();
        assertThatThrownBy(() -> engine.getRecords(first.nextShardIterator(), 10_001))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
    }

    @Test
    void millisBehindLatestCountsFromTheLastReturnedRecord() {
        put(engine, "s", "a", "old");
        fx.clock.advanceMillis(7000);
        put(engine, "s", "a", "new");
        GetRecordsResult r = engine.getRecords(iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null), 1);
        assertThat(r.millisBehindLatest()).isEqualTo(7000);
    }

    @Test
    void iteratorExpiresAfterFiveMinutes() {
        String it = iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
        fx.clock.advance(Duration.ofMinutes(5));
        assertThat(engine.getRecords(it, null).records()).isEmpty();
        fx.clock.advanceMillis(1);
        assertThatThrownBy(() -> engine.getRecords(it, null))
                .isInstanceOf(ExpiredIteratorException.class)
                .hasMessage("Iterator expired. The iterator was created at time Thu Jan 01 00:00:00 UTC 2026 while "
                        + "right now it is Thu Jan 01 00:05:00 UTC 2026 which is further in the future than the "
                        + "tolerated delay of 300000 milliseconds.");
    }

    @Test
    void forgedIteratorIsRejected() {
        String it = iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
        char[] chars = it.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> engine.getRecords(new String(chars), null))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid ShardIterator.");
    }

    @Test
    void aSequenceNumberBeyondTheShardsLastRecordIsAnInvalidArgument() {
        String last = put(engine, "s", "k", "x").sequenceNumber(); // whichever shard "k" lands on
        SequenceNumber written = SequenceNumber.decode(last).orElseThrow();
        String beyond = new SequenceNumber(written.streamCreatedMs(), written.shardIndex(), written.offset() + 1).encode();
        String shard = String.format("shardId-%012d", written.shardIndex());

        for (ShardIteratorType type : new ShardIteratorType[] {ShardIteratorType.AT_SEQUENCE_NUMBER,
            ShardIteratorType.AFTER_SEQUENCE_NUMBER}) {
            assertThatThrownBy(() -> iterator(engine, "s", shard, type, beyond))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("StartingSequenceNumber " + beyond + " used in GetShardIterator on shard " + shard
                            + " in stream s under account 123456789012 is invalid because the shard has no record "
                            + "with it yet.");
        }
        assertThat(texts(drain(engine, iterator(engine, "s", shard, ShardIteratorType.AT_SEQUENCE_NUMBER, last))))
                .as("the last record itself is still a valid start").containsExactly("x");
        assertThat(drain(engine, iterator(engine, "s", shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last))).isEmpty();
    }

    @Test
    void sequenceNumberOfAnotherShardOrStreamIsRejected() {
        String seq = put(engine, "s", "partitionkey", "x").sequenceNumber();
        assertThatThrownBy(() -> iterator(engine, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, seq))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid StartingSequenceNumber. It encodes shardId-000000000002, while it was used in a "
                        + "call to a shard with shardId-000000000000");
        assertThatThrownBy(() -> iterator(engine, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, "12345"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("StartingSequenceNumber 12345 used in GetShardIterator on shard shardId-000000000000 in "
                        + "stream s under account 123456789012 is invalid.");
        assertThatThrownBy(() -> iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, "12345"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                        + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. "
                        + "Request specified TRIM_HORIZON and also a StartingSequenceNumber.");
        assertThatThrownBy(() -> iterator(engine, "s", "shardId-000000000009", ShardIteratorType.TRIM_HORIZON, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Shard shardId-000000000009 in stream s under account 123456789012 does not exist");
    }

    @Test
    void atTimestampInTheFutureIsRejected() {
        assertThatThrownBy(() -> engine.getShardIterator(new GetShardIteratorRequest(S, S0,
                ShardIteratorType.AT_TIMESTAMP, null, EngineFixture.START_MS + 1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. "
                        + "timestampInMillis: 1767225600001, currentTimestampInMillis: 1767225600000");
    }

    @Test
    void putRecordsReturnsOneResultPerEntryInRequestOrder() {
        List<PutRecordsEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            entries.add(new PutRecordsEntry("key-" + i, bytes("v" + i), null));
        }
        PutRecordsResult r = engine.putRecords(S, entries);
        assertThat(r.failedRecordCount()).isZero();
        assertThat(r.records()).hasSize(30).noneMatch(PutRecordsResultEntry::failed);
        List<String> all = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            all.addAll(texts(drain(engine, iterator(engine, "s", "shardId-00000000000" + shard, ShardIteratorType.TRIM_HORIZON, null))));
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).mapToObj(i -> "v" + i).toList());
        for (int i = 0; i < 30; i++) {
            assertThat(r.records().get(i).shardId()).isEqualTo(put(engine, "s", "key-" + i, "again").shardId());
        }
    }

    @Test
    void recordAndBatchLimitsAreEnforcedWithAwsWording() {
        byte[] mib = new byte[1024 * 1024];
        assertThatThrownBy(() -> engine.putRecord(new PutRecordRequest(S, "k", new byte[1024 * 1024 + 1], null, null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' "
                        + "at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576");
        assertThatThrownBy(() -> engine.putRecord(new PutRecordRequest(S, "k", mib, null, null)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Record size of 1048577 bytes (data + partition key) at 'data' exceeds the limit of 1048576 bytes.");
        assertThatThrownBy(() -> engine.putRecord(new PutRecordRequest(S, "k".repeat(257), bytes("x"), null, null)))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256");
        assertThatThrownBy(() -> engine.putRecord(new PutRecordRequest(S, "", bytes("x"), null, null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> engine.putRecords(S, List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        List<PutRecordsEntry> tooMany = Collections.nCopies(501, new PutRecordsEntry("k", bytes("x"), null));
        assertThatThrownBy(() -> engine.putRecords(S, tooMany))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '[501 entries]' at 'records' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 500");
        List<PutRecordsEntry> tooBig = Collections.nCopies(6, new PutRecordsEntry("k", new byte[1024 * 1024 - 1], null));
        assertThatThrownBy(() -> engine.putRecords(S, tooBig))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Records size exceeds 5 MB limit: the 6 records total 6291456 bytes (data + partition "
                        + "keys), more than 5242880.");
        List<PutRecordsEntry> badSecond = List.of(new PutRecordsEntry("k", bytes("x"), null), new PutRecordsEntry("", bytes("x"), null));
        assertThatThrownBy(() -> engine.putRecords(S, badSecond))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 1");
        assertThat(drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null)))
                .as("no rejected request wrote anything").isEmpty();
    }

    @Test
    void recordsAreByteIdentical() {
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        engine.putRecord(new PutRecordRequest(S, "a", data, null, null));
        assertThat(drain(engine, iterator(engine, "s", S0, ShardIteratorType.TRIM_HORIZON, null)).get(0).data())
                .isEqualTo(data);
    }

    @Test
    void unknownStreamIsNotFound() {
        assertThatThrownBy(() -> put(engine, "nope", "k", "v"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream nope under account 123456789012 not found.");
    }
    @Test
    void newestRecordsAreTheLatestOfAShardThenOnlyWhatCameAfterwards() {
        for (int i = 0; i < 5; i++) {
            put(engine, "s", "a", "r" + i); // md5("a") is in the first shard
        }
        List<StreamRecord> newest = engine.newestRecords(S, S0, null, 3, 1 << 20);
        assertThat(texts(newest)).containsExactly("r2", "r3", "r4");
        assertThat(engine.newestRecords(S, S0, newest.get(2).sequenceNumber(), 3, 1 << 20)).isEmpty();

        put(engine, "s", "a", "r5");
        assertThat(texts(engine.newestRecords(S, S0, newest.get(2).sequenceNumber(), 3, 1 << 20)))
                .containsExactly("r5");
        assertThat(texts(engine.newestRecords(S, S0, newest.get(0).sequenceNumber(), 2, 1 << 20)))
                .containsExactly("r4", "r5");
    }

    @Test
    void newestRecordsStopAtAboutTheBytesAskedButGiveOneAtLeast() {
        for (int i = 0; i < 5; i++) {
            put(engine, "s", "a", "x".repeat(1000));
        }
        assertThat(engine.newestRecords(S, S0, null, 5, 2500)).hasSizeBetween(2, 3);
        assertThat(engine.newestRecords(S, S0, null, 5, 1)).hasSize(1);
    }

    @Test
    void newestRecordsNeitherThrottleNorCountAsGetRecords() {
        put(engine, "s", "a", "x");
        for (int i = 0; i < 20; i++) { // GetRecords allows 5 calls a second per shard
            assertThat(engine.newestRecords(S, S0, null, 10, 1 << 20)).hasSize(1);
        }
        assertThat(engine.statistics().get(0).shards().get(0).counters().getRecordsRecords()).isZero();
    }

    @Test
    void newestRecordsRefuseASequenceNumberOfAnotherShardAndAShardThatIsNotThere() {
        String ofShard2 = put(engine, "s", "partitionkey", "x").sequenceNumber();
        assertThatThrownBy(() -> engine.newestRecords(S, S0, ofShard2, 10, 1 << 20))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(ofShard2 + " is not a sequence number of " + S0 + " in stream s.");
        assertThatThrownBy(() -> engine.newestRecords(S, "shardId-000000000009", null, 10, 1 << 20))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
