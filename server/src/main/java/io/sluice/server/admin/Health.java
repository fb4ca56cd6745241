package io.sluice.server.admin;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live}: 200 while the process serves. {@code /health/ready}: 200 while the Kinesis port listens and
 * every shard takes writes; otherwise 503 with one line per reason — a shard out of service since an fsync of its log
 * failed is recovered only by a restart, which is what a supervisor acting on readiness does. Thread-safe.
 */
public final class Health {

    private final StreamEngine engine;
    private final BooleanSupplier serving;

    /** {@code serving}: whether the Kinesis port listens and the server is not stopping. */
    public Health(StreamEngine engine, BooleanSupplier serving) {
        this.engine = engine;
        this.serving = serving;
    }

    public AdminResponse live() {
        return AdminResponse.text(200, "live\n");
    }

    public AdminResponse ready() {
        List<String> reasons = new ArrayList<>();
        if (!serving.getAsBoolean()) {
            reasons.add("the Kinesis port is not serving (starting or stopping)");
        }
        for (StreamStatistics stream : engine.statistics()) {
            for (StreamStatistics.Shard shard : stream.shards()) {
                if (shard.outOfService()) {
                    reasons.add("shard " + shard.shardId() + " of stream " + stream.stream() + " takes no writes since "
                            + "an fsync of its log failed; restart the server to recover it");
                }
            }
        }
        return reasons.isEmpty() ? AdminResponse.text(200, "ready\n")
                : AdminResponse.text(503, "not ready:\n" + String.join("\n", reasons) + "\n");
    }
}
