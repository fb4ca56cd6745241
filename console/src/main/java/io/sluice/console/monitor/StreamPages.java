package io.sluice.console.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.console.web.Json;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamRef;
import io.sluice.core.api.StreamStatistics;
import io.sluice.core.api.StreamSummary;
import io.sluice.core.error.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the console's streams page and stream page show, as JSON: each stream's summary with its rates, and a stream's
 * shards with their lineage, hash key ranges, rates and iterator age. Read from the engine on each request.
 */
public final class StreamPages {

    /** The streams chart draws the busiest this many. */
    static final int CHARTED_STREAMS = 10;

    private final StreamEngine engine;
    private final RateHistory rates;

    public StreamPages(StreamEngine engine, RateHistory rates) {
        this.engine = engine;
        this.rates = rates;
    }

    /** Every stream {@code visible} admits, by name, and the chart of the busiest. */
    public ObjectNode streams(Predicate<String> visible) {
        ObjectNode page = Json.object();
        ArrayNode list = page.putArray("streams");
        List<String> charted = new ArrayList<>();
        List<StreamStatistics> statistics = new ArrayList<>(engine.statistics());
        statistics.sort(Comparator.comparing(StreamStatistics::stream));
        for (StreamStatistics stream : statistics) {
            if (!visible.test(stream.stream())) {
                continue;
            }
            StreamSummary summary;
            try {
                summary = engine.describeStreamSummary(StreamRef.named(stream.stream()));
            } catch (ResourceNotFoundException deletedMeanwhile) {
                continue;
            }
            ObjectNode row = summary(list.addObject(), summary);
            row.put("closedShards", stream.shards().stream().filter(s -> !s.open()).count());
            rates(row, rates.rates(stream.stream()));
            charted.add(stream.stream());
        }
        Map<String, RateHistory.Series> histories = new HashMap<>();
        charted.forEach(name -> histories.put(name, rates.series(name)));
        charted.sort(Comparator.comparingDouble((String name) -> -total(histories.get(name).records())));
        ObjectNode chart = page.putObject("chart");
        ArrayNode times = chart.putArray("times");
        ArrayNode series = chart.putArray("series");
        for (String name : charted.subList(0, Math.min(CHARTED_STREAMS, charted.size()))) {
            RateHistory.Series history = histories.get(name);
            if (times.isEmpty()) {
                history.times().forEach(times::add);
            }
            ObjectNode line = series.addObject().put("stream", name);
            history.records().forEach(line.putArray("records")::add);
        }
        return page;
    }

    /** One stream: summary, rates, chart and shards. */
    public ObjectNode stream(String name) {
        StreamSummary summary = engine.describeStreamSummary(StreamRef.named(name));
        ObjectNode page = summary(Json.object(), summary);
        page.put("arn", summary.streamArn());
        rates(page, rates.rates(name));
        RateHistory.Series history = rates.series(name);
        ObjectNode chart = page.putObject("chart");
        history.times().forEach(chart.putArray("times")::add);
        history.records().forEach(chart.putArray("records")::add);
        history.bytes().forEach(chart.putArray("bytes")::add);

        Map<String, StreamStatistics.Shard> figures = new HashMap<>();
        engine.statistics().stream().filter(s -> s.stream().equals(name)).findFirst()
                .ifPresent(s -> s.shards().forEach(shard -> figures.put(shard.shardId(), shard)));
        ArrayNode shards = page.putArray("shards");
        for (ShardInfo shard : StreamShards.all(engine, name)) {
            ObjectNode row = shards.addObject()
                    .put("shardId", shard.shardId())
                    .put("startingHashKey", shard.startingHashKey())
                    .put("endingHashKey", shard.endingHashKey())
                    .put("startingSequenceNumber", shard.startingSequenceNumber())
                    .put("endingSequenceNumber", shard.endingSequenceNumber())
                    .put("open", shard.endingSequenceNumber() == null);
            ArrayNode parents = row.putArray("parents");
            if (shard.parentShardId() != null) {
                parents.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                parents.add(shard.adjacentParentShardId());
            }
            rates(row, rates.shardRates(name, shard.shardId()));
            StreamStatistics.Shard figure = figures.get(shard.shardId());
            row.put("iteratorAgeMs", figure == null ? 0 : figure.counters().iteratorAgeMs());
            row.put("subscriptions", figure == null ? 0 : figure.counters().subscriptions());
        }
        return page;
    }

    private static ObjectNode summary(ObjectNode row, StreamSummary summary) {
        return row.put("name", summary.streamName())
                .put("status", summary.streamStatus().name())
                .put("mode", summary.streamMode().name())
                .put("retentionHours", summary.retentionPeriodHours())
                .put("openShards", summary.openShardCount())
                .put("consumers", summary.consumerCount());
    }

    private static void rates(ObjectNode row, RateHistory.Rates rates) {
        row.put("recordsPerSecond", rates.recordsPerSecond())
                .put("bytesPerSecond", rates.bytesPerSecond())
                .put("throttledLastMinute", rates.throttledLastMinute());
    }

    private static double total(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
