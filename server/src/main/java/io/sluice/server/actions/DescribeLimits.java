package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.LimitsDescription;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class DescribeLimits extends EngineAction {

    DescribeLimits(StreamEngine engine) {
        super(engine, "DescribeLimits", Shapes.struct());
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        LimitsDescription limits = engine.describeLimits();
        return Wire.struct(
                "ShardLimit", limits.shardLimit(),
                "OpenShardCount", limits.openShardCount(),
                "OnDemandStreamCount", limits.onDemandStreamCount(),
                "OnDemandStreamCountLimit", limits.onDemandStreamCountLimit());
    }
}
