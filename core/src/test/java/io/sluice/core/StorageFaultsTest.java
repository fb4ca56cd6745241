package io.sluice.core;

import static io.sluice.core.EngineFixture.bytes;
import static io.sluice.core.EngineFixture.drain;
import static io.sluice.core.EngineFixture.iterator;
import static io.sluice.core.EngineFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordResult;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.PutRecordsResultEntry;
import io.sluice.core.api.ShardIteratorType;
import io.sluice.core.api.StreamRef;
import io.sluice.core.error.InternalFailureException;
import io.sluice.core.error.ServiceUnavailableException;
import io.sluice.core.log.FsyncPolicy;
import io.sluice.core.testing.FaultyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine over a disk that fails: what clients are told, what keeps working, and what a restart finds. Faults
 * come from {@link FaultyFiles} (a real disk cannot fail an fsync on demand); a full disk is also tested for real,
 * on a small tmpfs, in the server's DiskFullIT.
 */
class StorageFaultsTest {

    private static final StreamRef ORDERS = StreamRef.named("Orders");
    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    /** Explicit hash keys of the two shards of a two-shard stream. */
    private static final String KEY_S0 = "0";
    private static final String KEY_S1 = "170141183460469231731687303715884105728";

    @TempDir
    Path dir;

    private final FaultyFiles files = new FaultyFiles();

    private EngineConfig config(EngineFixture fx) {
        return fx.config().withLog(fx.config().log().withFsync(FsyncPolicy.always()));
    }

    private StreamEngine openFaulty(EngineFixture fx) {
        try {
            return StreamEngine.open(config(fx), files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PutRecordResult put(StreamEngine engine, String hashKey, String data) {
        return engine.putRecord(new PutRecordRequest(ORDERS, "k", bytes(data), hashKey, null));
    }

    private static List<String> shard(StreamEngine engine, String shardId) {
        return texts(drain(engine, iterator(engine, "Orders", shardId, ShardIteratorType.TRIM_HORIZON, null)));
    }

    private static boolean isLogOf(Path path, String shardId) {
        return path.toString().contains(shardId) && path.toString().endsWith(".log");
    }

    @Test
    void aShardWhoseFsyncFailedRefusesWritesNamingItselfWhileItsReadsAndOtherShardsKeepWorking() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = openFaulty(fx)) {
            engine.createStream("Orders", 2, null, null);
            put(engine, KEY_S0, "a");
            files.failFsyncOf(path -> isLogOf(path, S0));
            String outOfService = "The shard shardId-000000000000 of stream Orders is out of service (an fsync of its"
                    + " log failed: Input/output error). Records it acknowledged may not all be on disk, so it refuses"
                    + " writes and resharding until the server restarts and recovers it from disk; reads keep working.";
            assertThatThrownBy(() -> put(engine, KEY_S0, "b")).isInstanceOf(InternalFailureException.class)
                    .hasMessage(outOfService);
            files.heal();
            assertThatThrownBy(() -> put(engine, KEY_S0, "c")).as("until a restart, even once the disk answers")
                    .isInstanceOf(InternalFailureException.class).hasMessage(outOfService);

            PutRecordsResult both = engine.putRecords(ORDERS, List.of(
                    new PutRecordsEntry("k", bytes("d"), KEY_S0), new PutRecordsEntry("k", bytes("e"), KEY_S1)));
            assertThat(both.failedRecordCount()).isEqualTo(1);
            assertThat(both.records().get(0))
                    .isEqualTo(new PutRecordsResultEntry(null, null, "InternalFailure", outOfService));
            assertThat(both.records().get(1).shardId()).isEqualTo(S1);

            assertThatThrownBy(() -> engine.splitShard(ORDERS, S0, "100")).as("its end offset is not to be trusted")
                    .isInstanceOf(InternalFailureException.class).hasMessage(outOfService);
            assertThat(engine.describeStream(ORDERS, null, null).shards()).hasSize(2);

            assertThat(shard(engine, S0)).as("what it acknowledged still reads").containsExactly("a");
            assertThat(shard(engine, S1)).containsExactly("e");
        }
        try (StreamEngine engine = fx.open(config(fx))) {
            assertThat(shard(engine, S0)).as("recovered from disk (a refused write may be there too)").startsWith("a");
            put(engine, KEY_S0, "f");
            assertThat(shard(engine, S0)).endsWith("f");
            assertThat(shard(engine, S1)).containsExactly("e");
        }
    }

    @Test
    void aWriteThatFailsForLackOfSpaceIsRetriableAndWritesResumeWhenSpaceReturns() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = openFaulty(fx)) {
            engine.createStream("Orders", 2, null, null);
            put(engine, KEY_S0, "a");
            files.fillUpAfter(10);
            assertThatThrownBy(() -> put(engine, KEY_S0, "b")).isInstanceOf(ServiceUnavailableException.class)
                    .hasMessage("The shard shardId-000000000000 of stream Orders cannot be written: No space left on"
                            + " device. Nothing of this request was written to it; reads keep working.");
            PutRecordsResult batch = engine.putRecords(ORDERS, List.of(new PutRecordsEntry("k", bytes("c"), KEY_S1)));
            assertThat(batch.records()).containsExactly(new PutRecordsResultEntry(null, null, "InternalFailure",
                    "The shard shardId-000000000001 of stream Orders cannot be written: No space left on device."
                            + " Nothing of this request was written to it; reads keep working."));
            assertThat(shard(engine, S0)).containsExactly("a");

            files.heal();
            put(engine, KEY_S0, "d");
            assertThat(shard(engine, S0)).containsExactly("a", "d");
        }
        try (StreamEngine engine = fx.open(config(fx))) {
            assertThat(shard(engine, S0)).containsExactly("a", "d");
            assertThat(shard(engine, S1)).isEmpty();
        }
    }

    @Test
    void aMetadataWriteThatIsNotDurableMakesTheStreamReadOnlyUntilARestart() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = openFaulty(fx)) {
            engine.createStream("Orders", 1, null, null);
            put(engine, KEY_S0, "a");
            files.failFsyncOf(path -> path.getFileName().toString().startsWith("s-"));
            String readOnly = "The stream Orders is out of service (a write of its metadata could not be made durable:"
                    + " Input/output error). What a restart reads may differ from what is served, so it refuses writes"
                    + " and changes until the server restarts; reads keep working.";
            assertThatThrownBy(() -> engine.splitShard(ORDERS, S0, "100")).isInstanceOf(InternalFailureException.class)
                    .hasMessage(readOnly);
            files.heal();
            assertThatThrownBy(() -> put(engine, KEY_S0, "b")).isInstanceOf(InternalFailureException.class)
                    .hasMessage(readOnly);
            assertThatThrownBy(() -> engine.addTagsToStream(ORDERS, java.util.Map.of("team", "core")))
                    .isInstanceOf(InternalFailureException.class).hasMessage(readOnly);
            assertThatThrownBy(() -> engine.deleteStream(ORDERS, false)).isInstanceOf(InternalFailureException.class)
                    .hasMessage(readOnly);
            assertThat(shard(engine, S0)).containsExactly("a");
            assertThat(engine.describeStream(ORDERS, null, null).shards()).as("served as before the split").hasSize(1);
        }
        try (StreamEngine engine = fx.open(config(fx))) {
            assertThat(engine.describeStream(ORDERS, null, null).shards())
                    .as("the split reached the file system, and the restart serves what the disk holds").hasSize(3);
            assertThat(shard(engine, S0)).containsExactly("a");
            engine.putRecord(new PutRecordRequest(ORDERS, "k", bytes("b"), "0", null));
        }
    }

    @Test
    void aDeletionThatIsNotDurableStopsStreamsBeingCreatedOrDeletedUntilARestart() {
        EngineFixture fx = new EngineFixture(dir);
        try (StreamEngine engine = openFaulty(fx)) {
            engine.createStream("Orders", 1, null, null);
            engine.createStream("Clicks", 1, null, null);
            files.failFsyncOf(path -> path.getFileName().toString().startsWith("s-"));
            engine.deleteStream(ORDERS, false);
            files.heal();
            String refused = "Streams cannot be created or deleted until the server restarts (the deletion of stream"
                    + " Orders could not be made durable: Input/output error): a deleted stream may come back after a"
                    + " crash and must not meet a new one of its name. Existing streams keep serving.";
            assertThatThrownBy(() -> engine.createStream("Orders", 1, null, null))
                    .isInstanceOf(InternalFailureException.class).hasMessage(refused);
            assertThatThrownBy(() -> engine.deleteStream(StreamRef.named("Clicks"), false))
                    .isInstanceOf(InternalFailureException.class).hasMessage(refused);
            engine.putRecord(new PutRecordRequest(StreamRef.named("Clicks"), "k", bytes("x"), null, null));
            assertThat(texts(drain(engine, iterator(engine, "Clicks", S0, ShardIteratorType.TRIM_HORIZON, null))))
                    .containsExactly("x");
        }
        try (StreamEngine engine = fx.open(config(fx))) {
            engine.createStream("Orders", 1, null, null);
            assertThat(engine.listStreams(null, null, null).streamNames()).containsExactly("Clicks", "Orders");
        }
    }
}
