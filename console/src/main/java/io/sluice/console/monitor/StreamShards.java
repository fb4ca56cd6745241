package io.sluice.console.monitor;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.ListShardsRequest;
import io.sluice.core.api.ListShardsResult;
import io.sluice.core.api.ShardInfo;
import io.sluice.core.api.StreamRef;
import java.util.ArrayList;
import java.util.List;

/** A stream's shards, open and closed, every page of ListShards. */
public final class StreamShards {

    private StreamShards() {
    }

    public static List<ShardInfo> all(StreamEngine engine, String stream) {
        List<ShardInfo> shards = new ArrayList<>();
        ListShardsResult page = engine.listShards(new ListShardsRequest(StreamRef.named(stream), null, null, 10_000,
                null, null));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            page = engine.listShards(new ListShardsRequest(null, page.nextToken(), null, 10_000, null, null));
            shards.addAll(page.shards());
        }
        return shards;
    }
}
