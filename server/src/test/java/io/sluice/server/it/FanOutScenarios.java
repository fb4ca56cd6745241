package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * What a client's enhanced fan-out script ({@code clients/*_fanout.*}) must print, checked the same way for every
 * client: one JSON line per scenario, keyed by {@code case}, against a server whose subscriptions last 12 s.
 */
final class FanOutScenarios {

    private static final String SHARD = "shardId-000000000000";

    private FanOutScenarios() {
    }

    /** Checks every scenario; {@code prefix} starts the names of the streams the script created ({@code py}, {@code js}). */
    static void check(Map<String, JsonNode> cases, String prefix) {
        assertThat(cases).containsOnlyKeys("TRIM_HORIZON", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP",
                "LATEST", "live", "backlog", "takeover", "shard_end", "deleted");

        assertThat(texts(cases.get("TRIM_HORIZON").path("data"))).containsExactly("a", "b", "c");
        assertThat(texts(cases.get("AT_SEQUENCE_NUMBER").path("data"))).containsExactly("b", "c");
        assertThat(texts(cases.get("AFTER_SEQUENCE_NUMBER").path("data"))).containsExactly("c");
        assertThat(texts(cases.get("AT_TIMESTAMP").path("data"))).as("from b's arrival time").containsExactly("b", "c");
        assertThat(texts(cases.get("LATEST").path("data"))).containsExactly("d");

        JsonNode live = cases.get("live");
        assertThat(texts(live.path("data"))).as("every record once, in order, across the clean ends and resubscribes")
                .containsExactlyElementsOf(IntStream.range(0, 90).mapToObj(i -> "r" + i).toList());
        assertThat(live.path("subscriptions").asInt()).as("the writes (89 pauses of 150 ms) outlast a subscription (12 s)")
                .isGreaterThanOrEqualTo(2);
        assertThat(live.path("clean_ends").asInt()).as("every subscription but the last was ended by the server, cleanly")
                .isEqualTo(live.path("subscriptions").asInt() - 1);

        JsonNode backlog = cases.get("backlog");
        assertThat(texts(backlog.path("records"))).as("index:length of each record, in order")
                .containsExactlyElementsOf(IntStream.range(0, 30).mapToObj(i -> i + ":204800").toList());
        assertThat(backlog.path("events").asInt()).as("6000 KiB come in several events of at most 1 MiB each")
                .isGreaterThanOrEqualTo(6);

        JsonNode takeover = cases.get("takeover");
        String another = "Another active subscription exists for this consumer: " + takeover.path("consumer").asText()
                + " on shard " + SHARD + "; ";
        assertThat(texts(takeover.path("refused"))).containsExactly("ResourceInUseException",
                another + "a new one may take over 5 seconds after it started.");
        assertThat(texts(takeover.path("taken_over"))).containsExactly("ResourceInUseException",
                another + "this one was taken over.");

        JsonNode end = cases.get("shard_end");
        assertThat(texts(end.path("data"))).containsExactly("before");
        assertThat(end.path("continuation").isNull()).as("no continuation number at the shard's end").isTrue();
        assertThat(end.path("children").toString()).isEqualTo("[[\"shardId-000000000001\",[\"" + SHARD + "\"]],"
                + "[\"shardId-000000000002\",[\"" + SHARD + "\"]]]");

        assertThat(texts(cases.get("deleted").path("error"))).containsExactly("ResourceNotFoundException",
                "Shard " + SHARD + " in stream " + prefix + "-deleted under account 000000000000 does not exist");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
