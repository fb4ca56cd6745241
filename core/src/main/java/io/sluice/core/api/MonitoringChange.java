package io.sluice.core.api;

import java.util.List;

/**
 * What Enable/DisableEnhancedMonitoring changed: the stream's shard-level metrics before ({@code current}, as
 * Kinesis names them) and after ({@code desired}).
 */
public record MonitoringChange(List<String> current, List<String> desired) {

    public MonitoringChange {
        current = List.copyOf(current);
        desired = List.copyOf(desired);
    }
}
