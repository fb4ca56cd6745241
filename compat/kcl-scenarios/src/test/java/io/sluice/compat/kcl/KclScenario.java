package io.sluice.compat.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.compat.kcl.Journal.Event;
import io.sluice.compat.kcl.Journal.Kind;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The life of a KCL application against Sluice: a worker reads a 4-shard stream and a second one joins; records of
 * 20 keys arrive in four phases; between them a shard is split and two are merged, the second worker stops, and it
 * starts again. Afterwards
 * every record put was processed at least once, each key's records in the order they were put, each child shard
 * only after its parents ended, and the restarted worker resumed from checkpoints rather than from the start.
 */
final class KclScenario {

    private static final int KEYS = 20;
    private static final int PER_KEY_PER_PHASE = 10;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final URI sluice;
    private final URI dynamo;
    private final KclWorker.Retrieval retrieval;
    private final String stream;
    private final String application;
    private final Journal journal = new Journal();
    private final KinesisAsyncClient admin;
    private int phases;

    KclScenario(URI sluice, URI dynamo, KclWorker.Retrieval retrieval) {
        this.sluice = sluice;
        this.dynamo = dynamo;
        this.retrieval = retrieval;
        this.stream = "kcl-" + retrieval.name().toLowerCase().replace('_', '-');
        this.application = stream + "-app";
        this.admin = KinesisAsyncClient.builder().endpointOverride(sluice).region(KclWorker.REGION)
                .credentialsProvider(KclWorker.CREDENTIALS).build();
    }

    void run() {
        try (admin) {
            admin.createStream(r -> r.streamName(stream).shardCount(4)).join();
            awaitActive();
            KclWorker a = worker("worker-a");
            KclWorker b = null;
            try {
                putPhase();
                awaitProcessed();
                // The second worker joins a running application, as in a rolling deployment (KCL 3.x's first
                // start fails when two workers create its migration state at once, whatever the stream service).
                b = worker("worker-b");
                Awaitility.await("worker-b takes shards").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> workersSeen().contains("worker-b"));
                split("shardId-000000000000");
                admin.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000002")
                        .adjacentShardToMerge("shardId-000000000003")).join();
                awaitActive();
                putPhase();
                awaitProcessed();

                b.close();
                putPhase();
                awaitProcessed();

                int restartedAt = journal.size();
                b = worker("worker-b");
                putPhase();
                awaitProcessed();
                assertResumedFromCheckpoints(restartedAt);
            } finally {
                a.close();
                if (b != null) {
                    b.close();
                }
            }
            assertEveryRecordOnceOrMoreInKeyOrder();
            assertChildrenAfterParents();
        }
    }

    private KclWorker worker(String id) {
        return new KclWorker(id, application, stream, retrieval, sluice, dynamo, journal);
    }

    /** Puts the next phase: {@value #PER_KEY_PER_PHASE} records per key, numbered on from the last phase. */
    private void putPhase() {
        int first = phases++ * PER_KEY_PER_PHASE;
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int n = first; n < first + PER_KEY_PER_PHASE; n++) {
            for (int key = 0; key < KEYS; key++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(key(key))
                        .data(SdkBytes.fromUtf8String(key(key) + ":" + n)).build());
            }
        }
        PutRecordsResponse put = admin.putRecords(r -> r.streamName(stream).records(entries)).join();
        assertThat(put.failedRecordCount()).as("records put").isZero();
    }

    private void awaitProcessed() {
        long expected = (long) phases * PER_KEY_PER_PHASE * KEYS;
        Awaitility.await("all " + expected + " records processed").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200)).until(() -> journal.distinctRecords() >= expected);
    }

    private void split(String shardId) {
        Shard shard = admin.listShards(r -> r.streamName(stream)).join().shards().stream()
                .filter(s -> s.shardId().equals(shardId)).findFirst().orElseThrow();
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = start.add(end.subtract(start).shiftRight(1)).toString();
        admin.splitShard(r -> r.streamName(stream).shardToSplit(shardId).newStartingHashKey(middle)).join();
        awaitActive();
    }

    private void awaitActive() {
        Awaitility.await(stream + " ACTIVE").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.describeStreamSummary(r -> r.streamName(stream)).join()
                        .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
    }

    private List<String> workersSeen() {
        return journal.events().stream().map(Event::worker).distinct().toList();
    }

    private void assertEveryRecordOnceOrMoreInKeyOrder() {
        Map<String, List<Integer>> firstSeen = new LinkedHashMap<>();
        journal.events().stream().filter(e -> e.kind() == Kind.RECORD).map(Event::data).distinct()
                .forEach(data -> firstSeen.computeIfAbsent(data.substring(0, data.indexOf(':')), k -> new ArrayList<>())
                        .add(Integer.parseInt(data.substring(data.indexOf(':') + 1))));
        List<Integer> allNumbers = IntStream.range(0, phases * PER_KEY_PER_PHASE).boxed().toList();
        assertThat(firstSeen).as("keys processed").hasSize(KEYS);
        firstSeen.forEach((key, numbers) -> assertThat(numbers)
                .as("records of %s, in the order first processed", key).isEqualTo(allNumbers));
    }

    private void assertChildrenAfterParents() {
        List<Event> events = journal.events();
        List<Shard> shards = admin.listShards(r -> r.streamName(stream)).join().shards();
        int children = 0;
        for (Shard shard : shards) {
            List<String> parents = new ArrayList<>();
            if (shard.parentShardId() != null) {
                parents.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                parents.add(shard.adjacentParentShardId());
            }
            int firstRecord = events.stream().filter(e -> e.kind() == Kind.RECORD && e.shardId().equals(shard.shardId()))
                    .mapToInt(Event::order).min().orElse(-1);
            if (parents.isEmpty() || firstRecord < 0) {
                continue;
            }
            children++;
            for (String parent : parents) {
                int ended = events.stream().filter(e -> e.kind() == Kind.SHARD_END && e.shardId().equals(parent))
                        .mapToInt(Event::order).min().orElse(Integer.MAX_VALUE);
                assertThat(ended).as("%s ended before its child %s processed a record", parent, shard.shardId())
                        .isLessThan(firstRecord);
            }
        }
        assertThat(children).as("child shards that processed records (two of the split, one of the merge)")
                .isEqualTo(3);
    }

    /** After the restart, nothing of the first phase came again: the workers started from their checkpoints. */
    private void assertResumedFromCheckpoints(int restartedAt) {
        List<String> replayedFromFirstPhase = journal.events().stream()
                .filter(e -> e.order() >= restartedAt && e.kind() == Kind.RECORD)
                .map(Event::data)
                .filter(data -> Integer.parseInt(data.substring(data.indexOf(':') + 1)) < PER_KEY_PER_PHASE)
                .collect(Collectors.toList());
        assertThat(replayedFromFirstPhase).as("records of the first phase processed again after the restart")
                .isEmpty();
    }

    private static String key(int key) {
        return String.format("key-%02d", key);
    }

}
