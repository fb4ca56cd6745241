package io.sluice.console.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.StreamRecord;
import io.sluice.core.api.StreamRef;
import io.sluice.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newest records across a stream's shards, oldest first, then only what is new; bounded in count and bytes. */
class RecordTailTest {

    @TempDir
    Path dir;
    private final TestClock clock = TestClock.stoppedAt(1_767_225_600_000L);
    private StreamEngine engine;
    private RecordTail tail;

    @BeforeEach
    void open() throws Exception {
        engine = StreamEngine.open(EngineConfig.defaults(dir).withClock(clock));
        engine.createStream("s", 2, null, null);
        tail = new RecordTail(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void showsTheNewestAcrossShardsInArrivalOrderThenOnlyWhatArrivedSince() {
        for (int i = 0; i < 150; i++) {
            put("key-" + i, "r" + i);
        }
        ObjectNode first = tail.newest("s", Map.of());

        assertThat(data(first)).hasSize(RecordTail.SHOWN).first().isEqualTo("r50");
        assertThat(data(first)).last().isEqualTo("r149");
        assertThat(first.get("after").size()).as("a position for each shard").isEqualTo(2);

        put("key-x", "r150");
        Map<String, String> after = new HashMap<>();
        first.get("after").properties().forEach(e -> after.put(e.getKey(), e.getValue().asText()));
        assertThat(data(tail.newest("s", after))).containsExactly("r150");
    }

    @Test
    void samplesForThePlaygroundAreTheLatestAndBoundedInBytes() {
        for (int i = 0; i < 20; i++) {
            put("key-" + i, "r" + i);
        }
        assertThat(tail.latest("s", 5)).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                .containsExactly("r15", "r16", "r17", "r18", "r19");

        String big = "x".repeat(1024 * 1024 - 100);
        for (int i = 0; i < 12; i++) {
            put("big-" + i, big);
        }
        List<StreamRecord> samples = tail.latest("s", 1000);
        assertThat(samples.stream().mapToLong(r -> r.data().length).sum()).isLessThanOrEqualTo(RecordTail.SAMPLE_BYTES);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(7);
    }

    private void put(String key, String data) {
        clock.advanceMillis(1000); // distinct arrival times, and a full second of write throughput per put
        engine.putRecord(new PutRecordRequest(StreamRef.named("s"), key, data.getBytes(StandardCharsets.UTF_8), null,
                null));
    }

    private static List<String> data(ObjectNode page) {
        List<String> data = new ArrayList<>();
        for (JsonNode record : page.get("records")) {
            data.add(record.get("data").asText());
        }
        return data;
    }
}
