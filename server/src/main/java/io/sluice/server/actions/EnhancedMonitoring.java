package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.MonitoringChange;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

/**
 * EnableEnhancedMonitoring and DisableEnhancedMonitoring. The shard-level metric names are stored and reported
 * back as Kinesis does; Sluice publishes no CloudWatch metrics for them.
 */
final class EnhancedMonitoring extends EngineAction {

    private final boolean enable;

    private EnhancedMonitoring(StreamEngine engine, boolean enable) {
        super(engine, enable ? "EnableEnhancedMonitoring" : "DisableEnhancedMonitoring", Shapes.struct(
                "ShardLevelMetrics", Members.SHARD_LEVEL_METRICS,
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
        this.enable = enable;
    }

    static EnhancedMonitoring enable(StreamEngine engine) {
        return new EnhancedMonitoring(engine, true);
    }

    static EnhancedMonitoring disable(StreamEngine engine) {
        return new EnhancedMonitoring(engine, false);
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        MonitoringChange change = engine.setEnhancedMonitoring(Members.stream(request),
                request.list("ShardLevelMetrics"), enable);
        String name = engine.describeStreamSummary(Members.stream(request)).streamName();
        return Wire.struct(
                "StreamName", name,
                "CurrentShardLevelMetrics", change.current(),
                "DesiredShardLevelMetrics", change.desired(),
                "StreamARN", engine.config().streamArn(name));
    }
}
